/**
 * Straightforward reference implementations the tests compare the optimised risk math against.
 * They use different methods on purpose (full sort, nested arrays, numerical integration), so a shared
 * mistake is unlikely.
 */

/** numpy `percentile(values, percent)` (method "linear") by full sort and the textbook interpolation. */
export function sortedPercentile(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * percent) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** Mean of the values at or below `threshold`. */
export function meanAtOrBelow(values: readonly number[], threshold: number): number {
  const tail = values.filter((value) => value <= threshold);
  return tail.reduce((sum, value) => sum + value, 0) / tail.length;
}

/** Plain one-pass-per-statistic mean and n − 1 standard deviation. */
export function meanAndDeviation(values: readonly number[]): { mean: number; deviation: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, deviation: Math.sqrt(squares / (values.length - 1)) };
}

/** Standard normal density. */
export function density(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/** Composite Simpson integral of `f` over [from, to] with `intervals` (even) sub-intervals. */
export function simpson(f: (x: number) => number, from: number, to: number, intervals = 4000): number {
  const step = (to - from) / intervals;
  let sum = f(from) + f(to);
  for (let index = 1; index < intervals; index++) sum += (index % 2 === 1 ? 4 : 2) * f(from + index * step);
  return (sum * step) / 3;
}

/** Standard normal CDF by integrating the density (Simpson), independent of any quantile algorithm. */
export function integratedNormalCdf(x: number): number {
  return 0.5 + simpson(density, 0, x);
}

/** A deterministic pseudo-random stream for building test data (a small LCG, unrelated to SeededRandom). */
export function testStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** `count` approximately normal values (Irwin–Hall sum of 12 uniforms) with the given scale. */
export function testReturns(count: number, seed: number, scale = 0.01): number[] {
  const next = testStream(seed);
  return Array.from({ length: count }, () => {
    let sum = -6;
    for (let index = 0; index < 12; index++) sum += next();
    return sum * scale;
  });
}
