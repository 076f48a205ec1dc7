/**
 * Sample mean and sample standard deviation of a return series. Both use two passes for accuracy and
 * return exact results for a constant series (mean = the value, standard deviation = 0), so a flat
 * series gives exactly zero dispersion rather than rounding noise. Inputs are trusted: callers validate.
 */

/** Returns the arithmetic mean of `values[0..length)`; exactly the common value when all values are equal. */
export function sampleMean(values: ArrayLike<number>, length: number = values.length): number {
  const first = values[0];
  let sum = 0;
  let constant = true;
  for (let index = 0; index < length; index++) {
    const value = values[index];
    sum += value;
    if (value !== first) constant = false;
  }
  if (constant) return first;
  const mean = sum / length;
  // One correction pass removes most of the rounding error of the plain sum
  let residual = 0;
  for (let index = 0; index < length; index++) residual += values[index] - mean;
  return mean + residual / length;
}

/**
 * Returns the sample standard deviation (divisor n − 1) of `values[0..length)` around `mean`;
 * 0 for a constant series. Needs `length` ≥ 2.
 */
export function sampleStandardDeviation(values: ArrayLike<number>, mean: number, length: number = values.length): number {
  let sumOfSquares = 0;
  let sum = 0;
  for (let index = 0; index < length; index++) {
    const deviation = values[index] - mean;
    sumOfSquares += deviation * deviation;
    sum += deviation;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque): subtracts the leftover first moment
  const variance = (sumOfSquares - (sum * sum) / length) / (length - 1);
  return variance > 0 ? Math.sqrt(variance) : 0;
}
