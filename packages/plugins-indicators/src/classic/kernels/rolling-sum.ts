/** Pushes between exact recomputations of a running window sum (at least the window length). */
export const RESYNC_INTERVAL = 1024;

/**
 * Sum and mean of the last `period` values in O(1) per push. The running sum is recomputed exactly from the
 * window every `max(period, RESYNC_INTERVAL)` pushes (amortised O(1)), so add/subtract rounding cannot drift.
 * Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RollingSum {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** Sum of the window. */
  readonly sum = new Float64Array(1);
  /** Mean of the window (of the values held while it fills). */
  readonly mean = new Float64Array(1).fill(Number.NaN);
  private readonly data: Float64Array;
  private readonly resyncEvery: number;
  private head = 0;
  private size = 0;
  private sinceResync = 0;

  constructor(period: number) {
    this.period = period;
    this.data = new Float64Array(period);
    this.resyncEvery = Math.max(period, RESYNC_INTERVAL);
  }

  /** True once `period` values have been pushed. */
  get isFull(): boolean {
    return this.size === this.period;
  }

  /** Adds `input[0]`, dropping the value `period` pushes old. */
  push(): void {
    const x = this.input[0]!;
    const data = this.data;
    if (this.size === this.period) {
      this.sum[0] += x - data[this.head]!;
    } else {
      this.sum[0] += x;
      this.size++;
    }
    data[this.head] = x;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    this.mean[0] = this.sum[0]! / this.size;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sinceResync = 0;
    this.sum[0] = 0;
    this.mean[0] = Number.NaN;
  }

  private resync(): void {
    this.sinceResync = 0;
    let total = 0;
    for (let i = 0; i < this.size; i++) total += this.data[i]!;
    this.sum[0] = total;
  }
}
