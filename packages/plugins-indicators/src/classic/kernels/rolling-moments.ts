import { RESYNC_INTERVAL } from './rolling-sum.js';

/**
 * Mean and population variance of the last `period` values in amortised O(1). The sums are of `x − anchor`, so
 * E[x²] − E[x]² does not cancel catastrophically at price levels far from zero; every `max(period, RESYNC_INTERVAL)`
 * pushes the anchor moves to the window mean and both sums are recomputed exactly, which bounds any drift.
 * Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RollingMoments {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** Mean of the window. */
  readonly mean = new Float64Array(1).fill(Number.NaN);
  /** Population variance (divisor n) of the window; never negative. */
  readonly variance = new Float64Array(1).fill(Number.NaN);
  private readonly data: Float64Array;
  private readonly resyncEvery: number;
  private head = 0;
  private size = 0;
  private sinceResync = 0;
  private anchor = Number.NaN;
  private sum = 0;
  private sumOfSquares = 0;

  constructor(period: number) {
    this.period = period;
    this.data = new Float64Array(period);
    this.resyncEvery = Math.max(period, RESYNC_INTERVAL);
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  /** Adds `input[0]`, dropping the value `period` pushes old. */
  push(): void {
    const x = this.input[0]!;
    if (Number.isNaN(this.anchor)) this.anchor = x;
    const shifted = x - this.anchor;
    this.sum += shifted;
    this.sumOfSquares += shifted * shifted;
    if (this.size === this.period) {
      const removed = this.data[this.head]! - this.anchor;
      this.sum -= removed;
      this.sumOfSquares -= removed * removed;
    } else {
      this.size++;
    }
    this.data[this.head] = x;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    const n = this.size;
    const shiftedMean = this.sum / n;
    const variance = this.sumOfSquares / n - shiftedMean * shiftedMean;
    this.mean[0] = this.anchor + shiftedMean;
    this.variance[0] = variance > 0 ? variance : 0;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sinceResync = 0;
    this.anchor = Number.NaN;
    this.sum = 0;
    this.sumOfSquares = 0;
    this.mean[0] = Number.NaN;
    this.variance[0] = Number.NaN;
  }

  /** Re-anchors at the window mean and recomputes both sums from the stored values. */
  private resync(): void {
    this.sinceResync = 0;
    const anchor = this.anchor + this.sum / this.size;
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < this.size; i++) {
      const shifted = this.data[i]! - anchor;
      sum += shifted;
      sumOfSquares += shifted * shifted;
    }
    this.anchor = anchor;
    this.sum = sum;
    this.sumOfSquares = sumOfSquares;
  }
}
