/**
 * Returns the mean correlation over the pairs of instruments that both have at least `minSamples` returns
 * (each pair once), from a row-major size×size correlation matrix; NaN when fewer than two qualify.
 * Instruments without enough history are left out: their zero-variance start reads as zero correlation
 * and would fake a rise once they warm up.
 */
export function qualifiedAverageCorrelation(correlation: ArrayLike<number>, size: number, samples: (slot: number) => number, minSamples: number): number {
  let sum = 0;
  let pairs = 0;
  for (let row = 0; row < size; row++) {
    if (samples(row) < minSamples) continue;
    for (let column = row + 1; column < size; column++) {
      if (samples(column) < minSamples) continue;
      sum += correlation[row * size + column]!;
      pairs++;
    }
  }
  return pairs > 0 ? sum / pairs : Number.NaN;
}
