// Risk math: pure functions and small stateful estimators the risk-model plugins call per bar
export { historicalVaR } from './historical-var.js';
export { parametricVaR, normalVaR } from './parametric-var.js';
export { expectedShortfall, parametricExpectedShortfall, normalExpectedShortfall } from './expected-shortfall.js';
export { monteCarloVaR, monteCarloPortfolioVaR, simulatePortfolioReturns } from './monte-carlo-var.js';
export type { PortfolioMonteCarloOptions } from './monte-carlo-var.js';
export type { MonteCarloOptions } from './monte-carlo-options.js';
export type { RiskMeasureOptions } from './risk-options.js';
export { portfolioVariance, portfolioParametricVaR, componentVaR } from './portfolio-var.js';
export { kellyFraction, cappedKellyFraction } from './kelly-fraction.js';
export type { KellyBet, KellyLimits } from './kelly-fraction.js';
export { EwmaCovariance } from './ewma-covariance.js';
export type { EwmaCovarianceOptions } from './ewma-covariance.js';
export { CorrelatedNormalSampler } from './correlated-normal-sampler.js';
export { choleskyDecompose } from './cholesky.js';
export { empiricalQuantile } from './empirical-quantile.js';
export { inverseNormalCdf, normalPdf } from './normal-distribution.js';
