import type { SeededRandom } from '@grandmodel/framework';
import { choleskyDecompose } from '../../math/cholesky.js';

/**
 * Simulated one-horizon portfolio returns, wᵀx with x ~ N(0, h·Σ), drawn as √h·(Lᵀw)ᵀz with L the Cholesky
 * factor of Σ and z independent standard normals (one per instrument per path, in instrument order): the
 * model of `simulatePortfolioReturns`, with every buffer preallocated so a simulation allocates nothing.
 */
export class PortfolioPathSimulator {
  /** The simulated returns of the last `simulate` call. */
  readonly paths: Float64Array;
  private readonly factor: Float64Array;
  private readonly loadings: Float64Array;

  constructor(
    readonly size: number,
    pathCount: number,
  ) {
    this.paths = new Float64Array(pathCount);
    this.factor = new Float64Array(size * size);
    this.loadings = new Float64Array(size);
  }

  /**
   * Fills `paths` for a row-major size×size `covariance`, `weights` and `horizon`, drawing from `random`, and
   * returns `paths`. Only the first `active` instruments may carry weight (the rest must be zero): they alone
   * get draws, which saves the normals of unused slots.
   */
  simulate(covariance: ArrayLike<number>, weights: ArrayLike<number>, horizon: number, random: SeededRandom, active = this.size): Float64Array {
    const size = this.size;
    const factor = choleskyDecompose(covariance, size, this.factor);
    const root = Math.sqrt(horizon);
    const loadings = this.loadings;
    for (let column = 0; column < size; column++) {
      let sum = 0;
      for (let row = column; row < size; row++) sum += weights[row] * factor[row * size + column];
      loadings[column] = root * sum;
    }
    const paths = this.paths;
    for (let path = 0; path < paths.length; path++) {
      let sum = 0;
      for (let index = 0; index < active; index++) sum += loadings[index] * random.normal();
      paths[path] = sum;
    }
    return paths;
  }
}
