import type { SeededRandom } from '@grandmodel/framework';

/** Draws an index from the probability vector `probabilities[offset .. offset+size)` (inverse CDF). */
export function sampleCategorical(probabilities: ArrayLike<number>, offset: number, size: number, random: SeededRandom): number {
  const u = random.next();
  let cumulative = 0;
  for (let j = 0; j < size - 1; j++) {
    cumulative += probabilities[offset + j]!;
    if (u < cumulative) return j;
  }
  return size - 1;
}

/** Index of the largest value in `values[offset .. offset+size)` (first on ties). */
export function argmax(values: ArrayLike<number>, offset: number, size: number): number {
  let best = 0;
  for (let j = 1; j < size; j++) if (values[offset + j]! > values[offset + best]!) best = j;
  return best;
}

/** Shannon entropy (nats) of a probability vector slice. */
export function categoricalEntropy(probabilities: ArrayLike<number>, offset: number, size: number): number {
  let h = 0;
  for (let j = 0; j < size; j++) {
    const p = probabilities[offset + j]!;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

/** log N(x; mean, std²). */
export function gaussianLogDensity(x: number, mean: number, logStd: number): number {
  const z = (x - mean) / Math.exp(logStd);
  return -0.5 * z * z - logStd - 0.5 * Math.log(2 * Math.PI);
}
