import { assertInteger, describeValue, invalidInput } from './assert-input.js';

/** Options of `EwmaCovariance`. */
export interface EwmaCovarianceOptions {
  /** Number of instruments (≥ 1). */
  readonly size: number;
  /** Decay factor λ in [0, 1); 0.94 is the RiskMetrics daily value. @default 0.94 */
  readonly lambda?: number;
}

/**
 * Exponentially weighted covariance of `size` instruments' returns, RiskMetrics form: zero mean,
 * starting from the zero matrix, and on each update Σ ← λ·Σ + (1 − λ)·r·rᵀ. After T updates
 * Σ = (1 − λ)·Σₜ λ^(T−t)·rₜ·rₜᵀ (no normalisation of the truncated weights).
 *
 * `update` is O(size²) and allocation-free; `covariance()` and `correlation()` return preallocated
 * row-major arrays (views that later updates overwrite: copy them to keep a snapshot).
 */
export class EwmaCovariance {
  /** Number of instruments. */
  readonly size: number;
  /** Decay factor λ. */
  readonly lambda: number;
  private readonly matrix: Float64Array;
  private readonly correlationMatrix: Float64Array;
  private correlationStale = true;
  private updates = 0;

  constructor(options: EwmaCovarianceOptions) {
    if (options === null || typeof options !== 'object') {
      throw invalidInput(`options must be an object { size, lambda? }, was ${describeValue(options)}`);
    }
    assertInteger(options.size, 'size', 1);
    const lambda = options.lambda ?? 0.94;
    if (typeof lambda !== 'number' || !(lambda >= 0 && lambda < 1)) {
      throw invalidInput(`lambda must be a number in [0, 1), was ${describeValue(lambda)}`);
    }
    this.size = options.size;
    this.lambda = lambda;
    this.matrix = new Float64Array(this.size * this.size);
    this.correlationMatrix = new Float64Array(this.size * this.size);
  }

  /** Number of updates since construction or the last `reset()`. */
  get samples(): number {
    return this.updates;
  }

  /**
   * Adds one time step: `returns[i]` is instrument i's simple return over the step (exactly `size` finite
   * numbers, else `GM_INPUT_INVALID` and the state is unchanged). O(size²), no allocation.
   */
  update(returns: ArrayLike<number>): void {
    const size = this.size;
    if (returns === null || typeof returns !== 'object' || returns.length !== size) {
      const received = returns !== null && typeof returns === 'object' ? `${returns.length}` : describeValue(returns);
      throw invalidInput(`returns must have ${size} values (one per instrument), received ${received}`);
    }
    // Check everything before touching the state, so a bad row leaves the estimate intact
    for (let index = 0; index < size; index++) {
      if (!Number.isFinite(returns[index])) {
        throw invalidInput(`returns[${index}] must be a finite number, was ${describeValue(returns[index])}`);
      }
    }
    const lambda = this.lambda;
    const weight = 1 - lambda;
    const matrix = this.matrix;
    // Update the upper triangle and mirror it: half the multiplications, exact symmetry
    for (let row = 0; row < size; row++) {
      const scaledRow = weight * returns[row];
      const offset = row * size;
      for (let column = row; column < size; column++) {
        const value = lambda * matrix[offset + column] + scaledRow * returns[column];
        matrix[offset + column] = value;
        matrix[column * size + row] = value;
      }
    }
    this.updates++;
    this.correlationStale = true;
  }

  /** Returns the covariance matrix (row-major size×size view; do not modify, overwritten by `update`). */
  covariance(): Float64Array {
    return this.matrix;
  }

  /** Returns instrument `index`'s variance Σᵢᵢ. */
  variance(index: number): number {
    assertInteger(index, 'index', 0, this.size - 1);
    return this.matrix[index * this.size + index];
  }

  /** Returns instrument `index`'s volatility √Σᵢᵢ (per return period). */
  volatility(index: number): number {
    return Math.sqrt(this.variance(index));
  }

  /**
   * Returns the correlation matrix ρᵢⱼ = Σᵢⱼ/√(ΣᵢᵢΣⱼⱼ) (row-major view, recomputed only after an update;
   * do not modify). The diagonal is 1. A pair involving an instrument with zero variance (no update yet,
   * or only zero returns) has correlation 0. Values are clamped to [−1, 1] against rounding.
   */
  correlation(): Float64Array {
    if (!this.correlationStale) return this.correlationMatrix;
    const size = this.size;
    const matrix = this.matrix;
    const result = this.correlationMatrix;
    for (let row = 0; row < size; row++) {
      result[row * size + row] = 1;
      const rowVariance = matrix[row * size + row];
      for (let column = row + 1; column < size; column++) {
        const denominator = Math.sqrt(rowVariance * matrix[column * size + column]);
        let value = denominator > 0 ? matrix[row * size + column] / denominator : 0;
        if (value > 1) value = 1;
        else if (value < -1) value = -1;
        result[row * size + column] = value;
        result[column * size + row] = value;
      }
    }
    this.correlationStale = false;
    return result;
  }

  /**
   * Returns the mean of the off-diagonal correlations (each pair once), the market-wide co-movement
   * gauge of correlation-shock rules. 0 for a single instrument (there are no pairs).
   */
  averageCorrelation(): number {
    const size = this.size;
    if (size < 2) return 0;
    const correlation = this.correlation();
    let sum = 0;
    for (let row = 0; row < size; row++) {
      for (let column = row + 1; column < size; column++) sum += correlation[row * size + column];
    }
    return sum / ((size * (size - 1)) / 2);
  }

  /** Returns to the initial state: zero covariance, no samples. */
  reset(): void {
    this.matrix.fill(0);
    this.updates = 0;
    this.correlationStale = true;
  }
}
