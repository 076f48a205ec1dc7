/** Feature dimensions of MMD variant A: ret, logret, range, vol. */
export const MMD_DIMENSIONS = 4;

/**
 * The frozen MMD reference (spec §3.5 variant A, golden §4.6): the first feature rows, their population mean and
 * standard deviation (floored at 1e-8), the rows z-scored with them, the median-heuristic σ over **all** pairwise
 * squared distances (deterministic), and the constant within-reference kernel mean `K_XX`.
 */
export class MmdReference {
  /** Per-dimension mean of the raw reference rows. */
  readonly mean: Float64Array;
  /** Per-dimension population standard deviation, floored at 1e-8. */
  readonly std: Float64Array;
  /** Reference rows, z-scored, row-major. */
  readonly rows: Float64Array;
  readonly rowCount: number;
  /** Median of all pairwise squared distances between z-scored reference rows. */
  readonly medianSquaredDistance: number;
  /** Kernel width: `sqrt(median)`, or 1 when the median is 0 (a constant reference). */
  readonly sigma: number;
  /** Kernel denominator `(2·σ)·σ`. */
  readonly kernelDenominator: number;
  /** `Σ_i Σ_{j≠i} k(X_i, X_j) / (n·(n−1))`, i outer, both ascending. */
  readonly withinMean: number;

  /** Freezes a reference from `rowCount` raw feature rows (row-major, MMD_DIMENSIONS wide); allocates once. */
  constructor(raw: Float64Array, rowCount: number) {
    const dims = MMD_DIMENSIONS;
    this.rowCount = rowCount;
    this.mean = new Float64Array(dims);
    this.std = new Float64Array(dims);
    for (let dim = 0; dim < dims; dim += 1) {
      let sum = 0;
      for (let row = 0; row < rowCount; row += 1) sum += raw[row * dims + dim] as number;
      const mean = sum / rowCount;
      let squares = 0;
      for (let row = 0; row < rowCount; row += 1) {
        const deviation = (raw[row * dims + dim] as number) - mean;
        squares += deviation * deviation;
      }
      this.mean[dim] = mean;
      this.std[dim] = Math.max(Math.sqrt(squares / rowCount), 1e-8);
    }
    this.rows = new Float64Array(rowCount * dims);
    for (let row = 0; row < rowCount; row += 1) this.standardize(raw, row * dims, this.rows, row * dims);
    this.medianSquaredDistance = medianPairwiseSquaredDistance(this.rows, rowCount);
    this.sigma = this.medianSquaredDistance > 0 ? Math.sqrt(this.medianSquaredDistance) : 1;
    this.kernelDenominator = 2 * this.sigma * this.sigma;
    let within = 0;
    for (let first = 0; first < rowCount; first += 1) {
      for (let second = 0; second < rowCount; second += 1) {
        if (second !== first) within += this.kernel(this.rows, first * dims, this.rows, second * dims);
      }
    }
    this.withinMean = within / (rowCount * (rowCount - 1));
  }

  /** Writes the z-score of the raw row at `from[fromOffset]` into `to[toOffset]`. */
  standardize(from: Float64Array, fromOffset: number, to: Float64Array, toOffset: number): void {
    for (let dim = 0; dim < MMD_DIMENSIONS; dim += 1) {
      to[toOffset + dim] = ((from[fromOffset + dim] as number) - (this.mean[dim] as number)) / (this.std[dim] as number);
    }
  }

  /** Returns the Gaussian kernel `exp(−q / ((2·σ)·σ))` of two z-scored rows, `q` summed over dimensions in order. */
  kernel(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number): number {
    const d0 = (a[aOffset] as number) - (b[bOffset] as number);
    const d1 = (a[aOffset + 1] as number) - (b[bOffset + 1] as number);
    const d2 = (a[aOffset + 2] as number) - (b[bOffset + 2] as number);
    const d3 = (a[aOffset + 3] as number) - (b[bOffset + 3] as number);
    return Math.exp(-(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) / this.kernelDenominator);
  }

  /** Returns `Σ_i k(X_i, y)` over the reference rows in order, for the z-scored row `y` at `offset`. */
  sumAgainst(y: Float64Array, offset: number): number {
    let sum = 0;
    for (let row = 0; row < this.rowCount; row += 1) sum += this.kernel(this.rows, row * MMD_DIMENSIONS, y, offset);
    return sum;
  }
}

function medianPairwiseSquaredDistance(rows: Float64Array, rowCount: number): number {
  const pairs = (rowCount * (rowCount - 1)) / 2;
  if (pairs === 0) return 0;
  const distances = new Float64Array(pairs);
  let pair = 0;
  for (let first = 0; first < rowCount; first += 1) {
    for (let second = first + 1; second < rowCount; second += 1) {
      let squared = 0;
      for (let dim = 0; dim < MMD_DIMENSIONS; dim += 1) {
        const delta = (rows[first * MMD_DIMENSIONS + dim] as number) - (rows[second * MMD_DIMENSIONS + dim] as number);
        squared += delta * delta;
      }
      distances[pair] = squared;
      pair += 1;
    }
  }
  distances.sort();
  const middle = pairs >>> 1;
  return pairs % 2 === 1 ? (distances[middle] as number) : ((distances[middle - 1] as number) + (distances[middle] as number)) / 2;
}
