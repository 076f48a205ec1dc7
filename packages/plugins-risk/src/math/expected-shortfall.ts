import { assertConfidence, assertFiniteSeries, assertHorizon } from './assert-input.js';
import { copyToScratch, selectQuantile, tailProbability } from './empirical-quantile.js';
import { inverseNormalCdf, normalPdf } from './normal-distribution.js';
import { assertNormalMoments } from './parametric-var.js';
import type { RiskMeasureOptions } from './risk-options.js';
import { sampleMean, sampleStandardDeviation } from './sample-moments.js';

/**
 * Returns the historical expected shortfall (CVaR) of a simple-return series at `confidence`, as a
 * positive loss fraction: the mean loss over every return at or beyond the historical VaR threshold,
 * ES = −mean{ rᵢ : rᵢ ≤ q }·√horizon, with q exactly the interpolated quantile `historicalVaR` uses
 * (numpy: `-r[r <= np.percentile(r, (1 - c) * 100)].mean()`).
 *
 * Ties with q are in the tail and the tail always holds at least the smallest return, so ES ≥ VaR.
 * O(n) expected; `options.scratch` avoids the copy allocation. Validation as for `historicalVaR`.
 */
export function expectedShortfall(returns: ArrayLike<number>, confidence: number, options?: RiskMeasureOptions): number {
  assertFiniteSeries(returns, 'returns');
  assertConfidence(confidence);
  const horizon = options?.horizon ?? 1;
  assertHorizon(horizon);
  const length = returns.length;
  const work = copyToScratch(returns, options?.scratch);
  const threshold = selectQuantile(work, length, tailProbability(confidence));
  // Sum the distances below the threshold: exact for a constant series and better conditioned
  let excess = 0;
  let count = 0;
  for (let index = 0; index < length; index++) {
    const value = work[index];
    if (value <= threshold) {
      excess += value - threshold;
      count++;
    }
  }
  return (0 - (threshold + excess / count)) * Math.sqrt(horizon);
}

/**
 * Returns the normal expected shortfall of a simple-return series at `confidence`, from its sample mean
 * μ and sample standard deviation σ (divisor n − 1): ES = σ·√h·φ(z_c)/(1 − c) − h·μ, z_c = Φ⁻¹(c).
 * Needs at least 2 returns.
 */
export function parametricExpectedShortfall(
  returns: ArrayLike<number>,
  confidence: number,
  options?: Pick<RiskMeasureOptions, 'horizon'>,
): number {
  assertFiniteSeries(returns, 'returns', 2);
  assertConfidence(confidence);
  const mean = sampleMean(returns);
  return normalExpectedShortfall(mean, sampleStandardDeviation(returns, mean), confidence, options?.horizon ?? 1);
}

/** Returns the expected shortfall of normal one-period returns: standardDeviation·√h·φ(z_c)/(1 − c) − h·mean. O(1). */
export function normalExpectedShortfall(mean: number, standardDeviation: number, confidence: number, horizon = 1): number {
  assertNormalMoments(mean, standardDeviation);
  assertConfidence(confidence);
  assertHorizon(horizon);
  const z = inverseNormalCdf(confidence);
  return (standardDeviation * Math.sqrt(horizon) * normalPdf(z)) / (1 - confidence) - horizon * mean;
}
