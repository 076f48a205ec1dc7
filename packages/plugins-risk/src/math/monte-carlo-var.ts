import type { SeededRandom } from '@grandmodel/framework';
import { assertConfidence, assertFiniteSeries, assertFiniteVector } from './assert-input.js';
import { choleskyDecompose } from './cholesky.js';
import { selectQuantile, tailProbability } from './empirical-quantile.js';
import { type MonteCarloOptions, resolveMonteCarlo, simulationBuffer } from './monte-carlo-options.js';
import { sampleMean, sampleStandardDeviation } from './sample-moments.js';

/**
 * Returns the Monte Carlo value at risk of one simple-return series at `confidence`, as a positive loss
 * fraction, and reproducible for a seed.
 *
 * Model: one-period returns are i.i.d. N(μ, σ²) with μ, σ the sample mean and standard deviation
 * (n − 1) of `returns`; the horizon return (sum of h periods) is N(h·μ, h·σ²) and is drawn directly,
 * one standard normal per path. VaR is −(the empirical (1 − confidence)-quantile of the `paths` simulated
 * returns), with the same interpolation as `historicalVaR`. It converges to `parametricVaR` as paths grow.
 */
export function monteCarloVaR(returns: ArrayLike<number>, confidence: number, options: MonteCarloOptions): number {
  assertFiniteSeries(returns, 'returns', 2);
  assertConfidence(confidence);
  const random = resolveMonteCarlo(options);
  const mean = sampleMean(returns);
  const deviation = sampleStandardDeviation(returns, mean);
  const horizon = options.horizon ?? 1;
  const paths = options.paths;
  const simulated = simulationBuffer(paths, options.scratch);
  const drift = horizon * mean;
  const scale = deviation * Math.sqrt(horizon);
  for (let path = 0; path < paths; path++) simulated[path] = drift + scale * random.normal();
  return 0 - selectQuantile(simulated, paths, tailProbability(confidence));
}

/** Options of the multi-asset Monte Carlo functions. */
export interface PortfolioMonteCarloOptions extends MonteCarloOptions {
  /** Expected one-period return of each instrument; zero (the RiskMetrics assumption) when omitted. */
  readonly mean?: ArrayLike<number>;
}

/**
 * Fills `into` (length ≥ paths; else `options.scratch`, else a new array) with simulated horizon returns of a
 * portfolio and returns it.
 *
 * Model: instrument returns over the horizon are jointly normal N(h·μ, h·Σ), drawn as √h·L·z + h·μ with
 * L the Cholesky factor of `covariance` (row-major size×size, e.g. `EwmaCovariance.covariance()`) and z
 * independent standard normals (one per instrument per path, in instrument order). `weights` are
 * position values as fractions of portfolio value (negative for shorts; they need not sum to 1), so the
 * portfolio return of a path is wᵀx. Since wᵀ(L·z) = (Lᵀw)ᵀz, each path costs O(size) after an O(size²) setup.
 */
export function simulatePortfolioReturns(
  covariance: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: PortfolioMonteCarloOptions,
  into?: Float64Array,
): Float64Array {
  const random = resolveMonteCarlo(options);
  assertFiniteSeries(weights, 'weights');
  const size = weights.length;
  if (options.mean !== undefined) assertFiniteVector(options.mean, 'options.mean', size, 'one per instrument');
  const factor = choleskyDecompose(covariance, size);
  const paths = options.paths;
  const simulated = into === undefined ? simulationBuffer(paths, options.scratch) : simulationBuffer(paths, into, 'into');
  const horizon = options.horizon ?? 1;
  const root = Math.sqrt(horizon);
  // Loadings v = √h·Lᵀw: the portfolio's exposure to each independent normal
  const loadings = new Float64Array(size);
  for (let column = 0; column < size; column++) {
    let sum = 0;
    for (let row = column; row < size; row++) sum += weights[row] * factor[row * size + column];
    loadings[column] = root * sum;
  }
  let drift = 0;
  if (options.mean !== undefined) for (let index = 0; index < size; index++) drift += weights[index] * options.mean[index];
  drift *= horizon;
  fillPaths(simulated, paths, drift, loadings, random);
  return simulated;
}

/**
 * Returns the Monte Carlo value at risk of a portfolio at `confidence`: −(empirical (1 − confidence)-quantile
 * of `simulatePortfolioReturns`), same interpolation as `historicalVaR`. Reproducible for a seed; converges to
 * `portfolioParametricVaR` (the model is linear and normal, which the simulation makes easy to extend and check).
 */
export function monteCarloPortfolioVaR(
  covariance: ArrayLike<number>,
  weights: ArrayLike<number>,
  confidence: number,
  options: PortfolioMonteCarloOptions,
): number {
  assertConfidence(confidence);
  const simulated = simulatePortfolioReturns(covariance, weights, options);
  return 0 - selectQuantile(simulated, options.paths, tailProbability(confidence));
}

function fillPaths(into: Float64Array, paths: number, drift: number, loadings: Float64Array, random: SeededRandom): void {
  const size = loadings.length;
  for (let path = 0; path < paths; path++) {
    let sum = drift;
    for (let index = 0; index < size; index++) sum += loadings[index] * random.normal();
    into[path] = sum;
  }
}
