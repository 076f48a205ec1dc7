import { assertConfidence, assertFiniteSeries, assertHorizon, describeValue, invalidInput } from './assert-input.js';
import { inverseNormalCdf } from './normal-distribution.js';
import type { RiskMeasureOptions } from './risk-options.js';

/**
 * Returns the one-period portfolio return variance wᵀΣw for `weights` (fractions of portfolio value,
 * negative for shorts) and a row-major size×size `covariance` (e.g. `EwmaCovariance.covariance()`). O(size²).
 */
export function portfolioVariance(covariance: ArrayLike<number>, weights: ArrayLike<number>): number {
  const size = checkShapes(covariance, weights);
  let variance = 0;
  for (let row = 0; row < size; row++) {
    let rowSum = 0;
    for (let column = 0; column < size; column++) rowSum += covariance[row * size + column] * weights[column];
    variance += weights[row] * rowSum;
  }
  // Every entry enters the sum, and NaN or ±Infinity anywhere makes it non-finite: validating only
  // then saves a second O(size²) pass on the common path
  if (!Number.isFinite(variance)) {
    assertFiniteSeries(weights, 'weights');
    assertFiniteSeries(covariance, 'covariance');
    throw invalidInput(`portfolio variance overflowed (${variance}); rescale the covariance or the weights`);
  }
  // Rounding can push a zero variance of a singular matrix slightly negative
  return variance > 0 ? variance : 0;
}

/**
 * Returns the normal value at risk of a portfolio as a positive loss fraction, in the RiskMetrics form
 * (zero mean): VaR = −Φ⁻¹(1 − confidence)·√(wᵀΣw)·√horizon. Multiply by portfolio value for money.
 */
export function portfolioParametricVaR(
  covariance: ArrayLike<number>,
  weights: ArrayLike<number>,
  confidence: number,
  options?: Pick<RiskMeasureOptions, 'horizon'>,
): number {
  const horizon = checkMeasure(confidence, options);
  return normalPortfolioVaR(portfolioVariance(covariance, weights), confidence, horizon);
}

/**
 * Writes each instrument's component VaR into `into` (or a new array) and returns it: the Euler allocation
 * VaRᵢ = wᵢ·(Σw)ᵢ / (wᵀΣw) · VaR of `portfolioParametricVaR`, so the components sum to the portfolio VaR.
 * A component can be negative (a hedge). With zero portfolio variance every component is 0.
 * Marginal VaR of instrument i is VaRᵢ / wᵢ.
 */
export function componentVaR(
  covariance: ArrayLike<number>,
  weights: ArrayLike<number>,
  confidence: number,
  options?: Pick<RiskMeasureOptions, 'horizon'>,
  into?: Float64Array,
): Float64Array {
  const horizon = checkMeasure(confidence, options);
  const variance = portfolioVariance(covariance, weights);
  const total = normalPortfolioVaR(variance, confidence, horizon);
  const size = weights.length;
  const components = into ?? new Float64Array(size);
  if (components.length < size) throw invalidInput(`into must have at least ${size} values, received ${components.length}`);
  for (let row = 0; row < size; row++) {
    let rowSum = 0;
    for (let column = 0; column < size; column++) rowSum += covariance[row * size + column] * weights[column];
    components[row] = variance > 0 ? ((weights[row] * rowSum) / variance) * total : 0;
  }
  return components;
}

/** Checks that `weights` is a non-empty array and `covariance` has size² entries; returns size. Values are checked lazily. */
function checkShapes(covariance: ArrayLike<number>, weights: ArrayLike<number>): number {
  if (weights === null || typeof weights !== 'object' || typeof weights.length !== 'number') {
    throw invalidInput(`weights must be an array of numbers, was ${describeValue(weights)}`);
  }
  const size = weights.length;
  if (size === 0) throw invalidInput('weights must contain at least one value, was empty');
  if (covariance === null || typeof covariance !== 'object' || covariance.length !== size * size) {
    const received = covariance !== null && typeof covariance === 'object' ? String(covariance.length) : describeValue(covariance);
    throw invalidInput(`covariance must have ${size * size} values (a ${size}x${size} row-major matrix for ${size} weights), received ${received}`);
  }
  return size;
}

/** Checks confidence and horizon; returns the horizon (default 1). */
function checkMeasure(confidence: number, options: Pick<RiskMeasureOptions, 'horizon'> | undefined): number {
  assertConfidence(confidence);
  const horizon = options?.horizon ?? 1;
  assertHorizon(horizon);
  return horizon;
}

/** Zero-mean normal VaR of a portfolio with the given one-period variance. */
function normalPortfolioVaR(variance: number, confidence: number, horizon: number): number {
  return 0 - inverseNormalCdf(1 - confidence) * Math.sqrt(variance) * Math.sqrt(horizon);
}
