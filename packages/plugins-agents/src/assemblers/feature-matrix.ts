import { SdkError } from '@grandmodel/framework';

/**
 * A fixed-size window of feature rows: a `window × columns` float32 ring buffer (spec §4.1). Rows are written in
 * place, so steady-state updates allocate nothing; readers copy rows out oldest first, left-padded with zero rows
 * while fewer than `window` rows exist, which keeps the shape fixed for models.
 */
export class FeatureMatrix {
  readonly window: number;
  readonly columns: number;
  readonly columnNames: readonly string[];
  /** Row storage: slot `s` holds columns `[s·columns, (s+1)·columns)`. */
  readonly data: Float32Array;
  #next = 0;
  #filled = 0;
  #updates = 0;

  constructor(window: number, columnNames: readonly string[]) {
    if (!Number.isInteger(window) || window < 1) throw new SdkError('GM_INPUT_INVALID', `FeatureMatrix: window must be an integer >= 1, was ${window}`);
    if (columnNames.length === 0) throw new SdkError('GM_INPUT_INVALID', 'FeatureMatrix: expected at least one column, was none');
    this.window = window;
    this.columns = columnNames.length;
    this.columnNames = Object.freeze([...columnNames]);
    this.data = new Float32Array(window * this.columns);
  }

  /** Rows held, at most `window`. */
  get filled(): number {
    return this.#filled;
  }

  /** Rows ever written since construction or the last reset. */
  get updates(): number {
    return this.#updates;
  }

  /** True once `window` rows have been written. */
  get isFull(): boolean {
    return this.#filled === this.window;
  }

  /** Appends a row, evicting the oldest when full; non-finite values are stored as 0 (spec §4.1). */
  push(row: ArrayLike<number>): void {
    const columns = this.columns;
    if (row.length !== columns) throw new SdkError('GM_INPUT_INVALID', `FeatureMatrix: a row needs ${columns} values, was ${row.length}`);
    const data = this.data;
    const offset = this.#next * columns;
    for (let column = 0; column < columns; column++) {
      const value = row[column] as number;
      data[offset + column] = Number.isFinite(value) ? value : 0;
    }
    this.#next = this.#next + 1 === this.window ? 0 : this.#next + 1;
    if (this.#filled < this.window) this.#filled++;
    this.#updates++;
  }

  /** Value at `row` counted from the oldest held row (0) and `column`. */
  get(row: number, column: number): number {
    if (row < 0 || row >= this.#filled || column < 0 || column >= this.columns) {
      throw new SdkError('GM_INPUT_INVALID', `FeatureMatrix: cell (${row}, ${column}) is outside ${this.#filled} rows × ${this.columns} columns`);
    }
    return this.data[this.slotOf(row) * this.columns + column] as number;
  }

  /** Latest value of a column; 0 while the matrix is empty. */
  latest(column: number): number {
    if (this.#filled === 0) return 0;
    const slot = this.#next === 0 ? this.window - 1 : this.#next - 1;
    return this.data[slot * this.columns + column] as number;
  }

  /**
   * Copies the whole window, oldest row first and row-major, into `target` (length `window × columns`);
   * the missing oldest rows are zeros. Returns `target`.
   */
  copyTo(target: Float32Array): Float32Array {
    return this.gather(undefined, target);
  }

  /**
   * Copies the listed columns of every row, oldest first and row-major (`window × columns.length` values), into
   * `target`; rows not yet written are zeros. All columns when `columns` is undefined. Returns `target`.
   */
  gather(columns: readonly number[] | undefined, target: Float32Array): Float32Array {
    const width = columns === undefined ? this.columns : columns.length;
    const needed = this.window * width;
    if (target.length !== needed) throw new SdkError('GM_INPUT_INVALID', `FeatureMatrix: target needs ${needed} values (${this.window} × ${width}), was ${target.length}`);
    const padding = this.window - this.#filled;
    target.fill(0, 0, padding * width);
    const data = this.data;
    const stride = this.columns;
    for (let row = 0; row < this.#filled; row++) {
      const source = this.slotOf(row) * stride;
      const destination = (padding + row) * width;
      if (columns === undefined) {
        for (let column = 0; column < width; column++) target[destination + column] = data[source + column] as number;
      } else {
        for (let column = 0; column < width; column++) target[destination + column] = data[source + (columns[column] as number)] as number;
      }
    }
    return target;
  }

  /** Returns the held rows oldest first as plain arrays (inspection and tests; allocates). */
  toRows(): number[][] {
    const rows: number[][] = [];
    for (let row = 0; row < this.#filled; row++) {
      const offset = this.slotOf(row) * this.columns;
      rows.push(Array.from(this.data.subarray(offset, offset + this.columns)));
    }
    return rows;
  }

  /** Forgets every row. */
  reset(): void {
    this.data.fill(0);
    this.#next = 0;
    this.#filled = 0;
    this.#updates = 0;
  }

  private slotOf(row: number): number {
    const oldest = this.#filled < this.window ? 0 : this.#next;
    const slot = oldest + row;
    return slot >= this.window ? slot - this.window : slot;
  }
}
