import type { SeededRandom } from '@grandmodel/framework';
import { assertFiniteNumber, describeValue, invalidInput } from './assert-input.js';
import { choleskyDecompose } from './cholesky.js';

/**
 * Draws vectors of jointly normal returns x ~ N(0, Σ) for `size` instruments: x = L·z, with L the
 * Cholesky factor of Σ (see `choleskyDecompose`) and z independent standard normals from a `SeededRandom`,
 * so the same seed reproduces the same paths. Each draw is O(size²) and allocation-free.
 */
export class CorrelatedNormalSampler {
  /** Number of instruments per draw. */
  readonly size: number;
  private readonly factor: Float64Array;
  private readonly independent: Float64Array;
  private readonly random: SeededRandom;

  /** Factors `covariance` (row-major `size`×`size`) once; draws come from `random`. */
  constructor(covariance: ArrayLike<number>, size: number, random: SeededRandom) {
    this.factor = choleskyDecompose(covariance, size);
    this.size = size;
    this.independent = new Float64Array(size);
    this.random = random;
  }

  /** Returns the lower-triangular Cholesky factor L (row-major; do not modify). */
  get choleskyFactor(): Float64Array {
    return this.factor;
  }

  /**
   * Writes one draw scale·L·z into `into` (length ≥ size) and returns it. `scale` = √horizon turns a
   * one-period covariance into the covariance of the sum over `horizon` periods.
   */
  sample(into: Float64Array, scale = 1): Float64Array {
    const size = this.size;
    if (!(into instanceof Float64Array) || into.length < size) {
      const received = into instanceof Float64Array ? `length ${into.length}` : describeValue(into);
      throw invalidInput(`into must be a Float64Array of length >= ${size}, received ${received}`);
    }
    assertFiniteNumber(scale, 'scale');
    const independent = this.independent;
    for (let index = 0; index < size; index++) independent[index] = this.random.normal();
    const factor = this.factor;
    for (let row = 0; row < size; row++) {
      let sum = 0;
      for (let column = 0; column <= row; column++) sum += factor[row * size + column] * independent[column];
      into[row] = scale * sum;
    }
    return into;
  }
}
