// Risk-model plugins and their components; each class can also be built directly from options and services
export { riskModels } from './risk-models.js';

export { kellyPlugin } from './kelly/kelly-plugin.js';
export { KellyRiskModel } from './kelly/kelly-risk-model.js';
export { kellyOptions } from './kelly/kelly-options.js';
export type { KellyOptions, KellyOptionsInput } from './kelly/kelly-options.js';
export { TradeOutcomes } from './kelly/trade-outcomes.js';
export type { TradeEstimate } from './kelly/trade-outcomes.js';

export { varPlugin } from './var/var-plugin.js';
export { VarRiskModel } from './var/var-risk-model.js';
export type { VarReading } from './var/var-risk-model.js';
export { varOptions, varLimitSchema } from './var/var-options.js';
export type { VarOptions, VarOptionsInput, VarLimit } from './var/var-options.js';
export { PortfolioRiskEstimator } from './var/portfolio-risk-estimator.js';
export type { EstimateMethod, PortfolioRiskEstimatorOptions } from './var/portfolio-risk-estimator.js';
export { PortfolioPathSimulator } from './var/portfolio-path-simulator.js';

export { correlationPlugin } from './correlation/correlation-plugin.js';
export { CorrelationRiskModel } from './correlation/correlation-risk-model.js';
export { correlationOptions } from './correlation/correlation-options.js';
export type { CorrelationOptions, CorrelationOptionsInput } from './correlation/correlation-options.js';
export { CorrelationShockDetector } from './correlation/correlation-shock-detector.js';
export type { CorrelationShock, ShockSeverity } from './correlation/correlation-shock-detector.js';

export { drawdownPlugin } from './drawdown/drawdown-plugin.js';
export { DrawdownRiskModel } from './drawdown/drawdown-risk-model.js';
export { drawdownOptions, drawdownStepSchema } from './drawdown/drawdown-options.js';
export type { DrawdownOptions, DrawdownOptionsInput } from './drawdown/drawdown-options.js';

export { stressPlugin } from './stress/stress-plugin.js';
export { StressRiskModel } from './stress/stress-risk-model.js';
export type { StressResult } from './stress/stress-risk-model.js';
export { stressOptions, stressScenarioSchema } from './stress/stress-options.js';
export type { StressOptions, StressOptionsInput, StressScenario } from './stress/stress-options.js';

export { ReturnHistory } from './market/return-history.js';
export type { ReturnHistoryOptions } from './market/return-history.js';
export { InstrumentBook } from './market/instrument-book.js';
export type { InstrumentBookOptions } from './market/instrument-book.js';
export { BreachResponder } from './shared/breach-responder.js';
export type { Breach, BreachAction } from './shared/breach-responder.js';
export { riskServicesFrom } from './shared/risk-services.js';
export type { RiskModelServices, TradingStateControl, KillSwitchControl } from './shared/risk-services.js';
