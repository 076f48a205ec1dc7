import { SdkError } from '../../errors/sdk-error.js';

/** How a column folds the points of a bucket into one value. */
export type Aggregation = 'first' | 'last' | 'min' | 'max' | 'sum';

/**
 * Folds a stream of rows of any length into at most `capacity` buckets in fixed memory. Each
 * bucket holds `stride` consecutive rows; when the buckets are full, neighbours merge pairwise
 * and the stride doubles. With `first/max/min/last` columns a bucket is an OHLC candle, so
 * highs and lows survive downsampling. O(1) amortised per row, no allocation after construction.
 */
export class BucketDownsampler {
  private readonly width: number;
  private readonly data: Float64Array;
  private count = 0;
  private filled = 0;
  private rowsPerBucket = 1;
  private rows = 0;

  constructor(
    private readonly aggregations: readonly Aggregation[],
    readonly capacity: number,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 2 && capacity % 2 === 0)) {
      throw new SdkError('GM_INPUT_INVALID', `BucketDownsampler option "capacity": expected an even integer >= 2, was ${String(capacity)}`);
    }
    this.width = aggregations.length;
    this.data = new Float64Array(capacity * this.width);
  }

  /** Buckets in use. */
  get length(): number {
    return this.count;
  }

  /** Rows per full bucket (a power of two). */
  get stride(): number {
    return this.rowsPerBucket;
  }

  /** Rows added so far. */
  get totalRows(): number {
    return this.rows;
  }

  /** Adds one row; `values` has one number per column. */
  add(values: ArrayLike<number>): void {
    this.rows++;
    if (this.count > 0 && this.filled < this.rowsPerBucket) {
      this.fold(this.count - 1, values, 0);
      this.filled++;
      return;
    }
    if (this.count === this.capacity) this.compact();
    const offset = this.count * this.width;
    for (let column = 0; column < this.width; column++) this.data[offset + column] = values[column]!;
    this.count++;
    this.filled = 1;
  }

  /** Returns the value of one column of one bucket. */
  value(bucket: number, column: number): number {
    return this.data[bucket * this.width + column]!;
  }

  /** Returns each column as an array of bucket values. */
  toColumns(): number[][] {
    const columns: number[][] = [];
    for (let column = 0; column < this.width; column++) {
      const values: number[] = new Array(this.count);
      for (let bucket = 0; bucket < this.count; bucket++) values[bucket] = this.data[bucket * this.width + column]!;
      columns.push(values);
    }
    return columns;
  }

  private compact(): void {
    const half = this.capacity / 2;
    for (let bucket = 0; bucket < half; bucket++) {
      const target = bucket * this.width;
      const left = 2 * bucket * this.width;
      for (let column = 0; column < this.width; column++) this.data[target + column] = this.data[left + column]!;
      this.fold(bucket, this.data, left + this.width);
    }
    this.count = half;
    this.rowsPerBucket *= 2;
    this.filled = this.rowsPerBucket;
  }

  /** Folds the row at `source[offset…]` into bucket `bucket`. */
  private fold(bucket: number, source: ArrayLike<number>, offset: number): void {
    const target = bucket * this.width;
    for (let column = 0; column < this.width; column++) {
      const incoming = source[offset + column]!;
      const index = target + column;
      switch (this.aggregations[column]!) {
        case 'first':
          break;
        case 'last':
          this.data[index] = incoming;
          break;
        case 'min':
          if (incoming < this.data[index]!) this.data[index] = incoming;
          break;
        case 'max':
          if (incoming > this.data[index]!) this.data[index] = incoming;
          break;
        case 'sum':
          this.data[index] = this.data[index]! + incoming;
          break;
      }
    }
  }
}
