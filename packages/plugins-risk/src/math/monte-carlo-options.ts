import { SeededRandom } from '@grandmodel/framework';
import { assertHorizon, assertInteger, describeValue, invalidInput } from './assert-input.js';

/** Options of the Monte Carlo VaR functions. */
export interface MonteCarloOptions {
  /** Number of simulated horizon returns (e.g. 10,000). */
  readonly paths: number;
  /**
   * A seed (an integer; the same seed reproduces the same result) or a `SeededRandom` to draw from,
   * e.g. a plugin's `ctx.random.fork(1)`; a passed generator advances.
   */
  readonly seed: number | SeededRandom;
  /** Horizon in return periods; simulated returns are N(h·μ, h·Σ). @default 1 */
  readonly horizon?: number;
  /** A reusable buffer of length ≥ paths for the simulated returns, so repeated calls allocate nothing. */
  readonly scratch?: Float64Array;
}

/** Returns the generator the options ask for, after checking `paths`, `seed` and `horizon`. */
export function resolveMonteCarlo(options: MonteCarloOptions): SeededRandom {
  if (options === null || typeof options !== 'object') {
    throw invalidInput(`options must be an object with paths and seed, was ${describeValue(options)}`);
  }
  assertInteger(options.paths, 'options.paths', 1);
  assertHorizon(options.horizon ?? 1, 'options.horizon');
  const seed = options.seed;
  if (typeof seed === 'number') {
    assertInteger(seed, 'options.seed', -0x80000000, 0xffffffff);
    return new SeededRandom(seed);
  }
  if (seed === null || typeof seed !== 'object' || typeof (seed as { normal?: unknown }).normal !== 'function') {
    throw invalidInput(`options.seed must be an integer or a SeededRandom, was ${describeValue(seed)}`);
  }
  return seed;
}

/** Returns the buffer the simulated returns go into: `options.scratch` (checked) or a new array. */
export function simulationBuffer(paths: number, scratch: Float64Array | undefined, name = 'options.scratch'): Float64Array {
  if (scratch === undefined) return new Float64Array(paths);
  if (!(scratch instanceof Float64Array) || scratch.length < paths) {
    const received = scratch instanceof Float64Array ? `length ${scratch.length}` : describeValue(scratch);
    throw invalidInput(`${name} must be a Float64Array of length >= ${paths} (one slot per path), received ${received}`);
  }
  return scratch;
}
