import { assertConfidence, assertFiniteSeries, assertHorizon } from './assert-input.js';
import { copyToScratch, selectQuantile, tailProbability } from './empirical-quantile.js';
import type { RiskMeasureOptions } from './risk-options.js';

/**
 * Returns the historical value at risk of a simple-return series at `confidence` (e.g. 0.95), as a
 * positive loss fraction: VaR = −q·√horizon, where q is the empirical (1 − confidence)-quantile with
 * linear interpolation between order statistics, i.e. numpy's `-np.percentile(returns, (1 - c) * 100)`.
 *
 * O(n) expected (quickselect on a copy; pass `options.scratch` to reuse the copy buffer). A negative
 * result means even the tail quantile is a gain; a constant series c gives exactly −c (0 for flat prices).
 * Empty or non-finite returns and a confidence outside (0, 1) throw `GM_INPUT_INVALID`.
 */
export function historicalVaR(returns: ArrayLike<number>, confidence: number, options?: RiskMeasureOptions): number {
  assertFiniteSeries(returns, 'returns');
  assertConfidence(confidence);
  const horizon = options?.horizon ?? 1;
  assertHorizon(horizon);
  const work = copyToScratch(returns, options?.scratch);
  const quantile = selectQuantile(work, returns.length, tailProbability(confidence));
  // `0 - q` rather than `-q` so a zero quantile reports 0, not −0
  return (0 - quantile) * Math.sqrt(horizon);
}
