import { assertConfidence, assertFiniteNumber, assertFiniteSeries, assertHorizon, describeValue, invalidInput } from './assert-input.js';
import { inverseNormalCdf } from './normal-distribution.js';
import type { RiskMeasureOptions } from './risk-options.js';
import { sampleMean, sampleStandardDeviation } from './sample-moments.js';

/**
 * Returns the normal (variance–covariance) value at risk of a simple-return series at `confidence`,
 * as a positive loss fraction: VaR = −(h·μ + z₁₋c·σ·√h), with μ the sample mean, σ the sample standard
 * deviation (divisor n − 1), z₁₋c = Φ⁻¹(1 − confidence) (negative for confidence > 0.5) and h the horizon.
 *
 * Needs at least 2 returns. A constant series c has σ = 0 exactly, so VaR = −h·c (0 for flat prices).
 */
export function parametricVaR(returns: ArrayLike<number>, confidence: number, options?: Pick<RiskMeasureOptions, 'horizon'>): number {
  assertFiniteSeries(returns, 'returns', 2);
  assertConfidence(confidence);
  const mean = sampleMean(returns);
  return normalVaR(mean, sampleStandardDeviation(returns, mean), confidence, options?.horizon ?? 1);
}

/**
 * Returns the value at risk of normally distributed one-period returns with the given mean and standard
 * deviation: −(h·mean + Φ⁻¹(1 − confidence)·standardDeviation·√h). O(1), for callers that already track
 * the moments (e.g. an EWMA volatility).
 */
export function normalVaR(mean: number, standardDeviation: number, confidence: number, horizon = 1): number {
  assertNormalMoments(mean, standardDeviation);
  assertConfidence(confidence);
  assertHorizon(horizon);
  const z = inverseNormalCdf(1 - confidence);
  return 0 - (horizon * mean + z * standardDeviation * Math.sqrt(horizon));
}

/** Throws unless `mean` is finite and `standardDeviation` finite and ≥ 0. */
export function assertNormalMoments(mean: number, standardDeviation: number): void {
  assertFiniteNumber(mean, 'mean');
  assertFiniteNumber(standardDeviation, 'standardDeviation');
  if (standardDeviation < 0) throw invalidInput(`standardDeviation must be >= 0, was ${describeValue(standardDeviation)}`);
}
