import { EwmaCovariance } from '../../math/ewma-covariance.js';

/** Options of a `ReturnHistory`. */
export interface ReturnHistoryOptions {
  /** Instruments (slots) it has room for. */
  readonly capacity: number;
  /** Time steps kept in the ring buffer. */
  readonly window: number;
  /** EWMA decay of the covariance updated on every step. @default 0.94 */
  readonly lambda?: number;
}

/**
 * Aligned simple returns of several instruments, one row per time step (bar close time), in a bounded
 * ring buffer, plus the RiskMetrics EWMA covariance of those rows.
 *
 * Closes arrive one instrument at a time. A step is committed as soon as every instrument that already
 * had a price has reported for it, or when a later step begins (an instrument without a bar in a step
 * counts as a zero return). An instrument's first close sets its price and gives no return.
 * Preallocated; `onClose` allocates nothing.
 */
export class ReturnHistory {
  readonly capacity: number;
  readonly window: number;
  /** EWMA covariance (capacity × capacity; unused slots stay zero). */
  readonly covariance: EwmaCovariance;
  private readonly rows: Float64Array;
  private readonly lastClose: Float64Array;
  private readonly counts: Float64Array;
  private readonly pending: Float64Array;
  private readonly reported: Uint8Array;
  private reportedCount = 0;
  private eligible = 0;
  private priced = 0;
  private stepEnd = Number.NaN;
  private committedEnd = Number.NaN;
  private head = 0;
  private stored = 0;
  private committedSteps = 0;

  constructor(options: ReturnHistoryOptions) {
    this.capacity = options.capacity;
    this.window = options.window;
    this.covariance = new EwmaCovariance({ size: options.capacity, lambda: options.lambda ?? 0.94 });
    this.rows = new Float64Array(options.capacity * options.window);
    this.lastClose = new Float64Array(options.capacity);
    this.counts = new Float64Array(options.capacity);
    this.pending = new Float64Array(options.capacity);
    this.reported = new Uint8Array(options.capacity);
  }

  /** Rows held (at most `window`). */
  get length(): number {
    return this.stored;
  }

  /** Steps committed since construction. */
  get steps(): number {
    return this.committedSteps;
  }

  /** Returns recorded for the instrument in `slot` (its own bars; zero-filled steps not counted). */
  returnsOf(slot: number): number {
    return this.counts[slot];
  }

  /** The return of `slot` in the row `age` steps back (0 = the latest committed row). */
  returnAt(age: number, slot: number): number {
    const row = (this.head - 1 - age + this.window * 2) % this.window;
    return this.rows[row * this.capacity + slot];
  }

  /**
   * Records the close of the instrument in `slot` for the step ending at `end`. Returns true when this
   * call committed a step (so measures can be recomputed). Closes of a step already committed, or older
   * than the current step, only update the price.
   */
  onClose(slot: number, end: number, close: number): boolean {
    if (!(close > 0) || !Number.isFinite(close)) return false;
    let committed = false;
    if (end !== this.stepEnd) {
      if (end < this.stepEnd) {
        this.setPrice(slot, close);
        return false;
      }
      if (this.reportedCount > 0) committed = this.commit();
      this.startStep(end);
    }
    const previous = this.lastClose[slot];
    if (previous > 0 && end !== this.committedEnd) {
      if (this.reported[slot] === 0) {
        this.reported[slot] = 1;
        this.reportedCount++;
      }
      this.pending[slot] = close / previous - 1;
    }
    this.setPrice(slot, close);
    if (this.reportedCount > 0 && this.reportedCount >= this.eligible) committed = this.commit() || committed;
    return committed;
  }

  /**
   * Writes the return of a portfolio with fixed `weights` (one per slot) for every stored row into `into`
   * (length ≥ `length`), Σᵢ wᵢ·rₜ,ᵢ, oldest row first, and returns the number of rows written.
   */
  portfolioReturns(weights: ArrayLike<number>, into: Float64Array): number {
    const capacity = this.capacity;
    const first = this.stored < this.window ? 0 : this.head;
    for (let index = 0; index < this.stored; index++) {
      const offset = ((first + index) % this.window) * capacity;
      let sum = 0;
      for (let slot = 0; slot < capacity; slot++) sum += weights[slot] * this.rows[offset + slot];
      into[index] = sum;
    }
    return this.stored;
  }

  private setPrice(slot: number, close: number): void {
    if (this.lastClose[slot] === 0) this.priced++;
    this.lastClose[slot] = close;
  }

  private startStep(end: number): void {
    this.stepEnd = end;
    this.eligible = this.priced;
    this.reportedCount = 0;
    this.pending.fill(0);
    this.reported.fill(0);
  }

  private commit(): boolean {
    const offset = this.head * this.capacity;
    for (let slot = 0; slot < this.capacity; slot++) {
      this.rows[offset + slot] = this.pending[slot];
      this.counts[slot] += this.reported[slot];
    }
    this.covariance.update(this.pending);
    this.head = (this.head + 1) % this.window;
    if (this.stored < this.window) this.stored++;
    this.committedSteps++;
    this.committedEnd = this.stepEnd;
    this.reportedCount = 0;
    this.pending.fill(0);
    this.reported.fill(0);
    return true;
  }
}
