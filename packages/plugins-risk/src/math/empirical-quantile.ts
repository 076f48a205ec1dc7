import { assertFiniteNumber, assertFiniteSeries, describeValue, invalidInput } from './assert-input.js';
import { minimumFrom, selectKth } from './select-kth.js';

/**
 * Returns the empirical `probability`-quantile of `values` with linear interpolation between order
 * statistics, numpy's default (`np.quantile(values, probability)`, method "linear"):
 * with x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ and h = (n − 1)·probability, the result is x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎).
 *
 * Runs in O(n) expected time (selection, not sorting) on a copy: pass `scratch` (length ≥ n) to reuse a
 * buffer across calls and allocate nothing. `values` itself is never modified.
 */
export function empiricalQuantile(values: ArrayLike<number>, probability: number, scratch?: Float64Array): number {
  assertFiniteSeries(values, 'values');
  assertFiniteNumber(probability, 'probability');
  if (probability < 0 || probability > 1) {
    throw invalidInput(`probability must be in [0, 1], was ${describeValue(probability)}`);
  }
  const work = copyToScratch(values, scratch);
  return selectQuantile(work, values.length, probability);
}

/** Copies `values` into `scratch` (checked to be long enough) or into a new array when none is given. */
export function copyToScratch(values: ArrayLike<number>, scratch: Float64Array | undefined): Float64Array {
  const length = values.length;
  if (scratch === undefined) return Float64Array.from(values);
  if (!(scratch instanceof Float64Array) || scratch.length < length) {
    const received = scratch instanceof Float64Array ? `length ${scratch.length}` : describeValue(scratch);
    throw invalidInput(`scratch must be a Float64Array of length >= ${length}, received ${received}`);
  }
  for (let index = 0; index < length; index++) scratch[index] = values[index];
  return scratch;
}

/**
 * Returns the linear-interpolation quantile of `work[0..length)`, reordering `work` in place.
 * Inputs are trusted (validated by the caller); `length` ≥ 1 and `probability` ∈ [0, 1].
 */
export function selectQuantile(work: Float64Array, length: number, probability: number): number {
  const position = (length - 1) * probability;
  const below = Math.floor(position);
  const fraction = position - below;
  const lower = selectKth(work, below, length);
  if (fraction === 0 || below + 1 >= length) return lower;
  // After selection every element past `below` is ≥ lower, so the next order statistic is their minimum
  const upper = minimumFrom(work, below + 1, length);
  return interpolate(lower, upper, fraction);
}

/** Linear interpolation written as numpy writes it (from the nearer end), so results match it bit for bit. */
export function interpolate(lower: number, upper: number, fraction: number): number {
  if (lower === upper) return lower;
  const difference = upper - lower;
  return fraction >= 0.5 ? upper - difference * (1 - fraction) : lower + difference * fraction;
}

/**
 * Returns the probability whose quantile is the loss threshold at `confidence`, computed the way
 * `np.percentile(returns, (1 − confidence)·100)` computes it, so VaR matches numpy exactly.
 */
export function tailProbability(confidence: number): number {
  return ((1 - confidence) * 100) / 100;
}
