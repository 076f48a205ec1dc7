import { RESYNC_INTERVAL } from './rolling-sum.js';

/**
 * Linearly weighted moving average (weight 1 for the oldest to `period` for the newest) in O(1): on each slide every
 * weight drops by one, so `weighted −= sum(previous window)` then `+= period·x`. Both running sums are recomputed
 * exactly every `max(period, RESYNC_INTERVAL)` pushes. Numbers go in and out through one-element arrays.
 */
export class WeightedAverage {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** The average (NaN until `period` values were pushed). */
  readonly value = new Float64Array(1).fill(Number.NaN);
  private readonly data: Float64Array;
  private readonly divisor: number;
  private readonly resyncEvery: number;
  private head = 0;
  private size = 0;
  private sinceResync = 0;
  private sum = 0;
  private weighted = 0;

  constructor(period: number) {
    this.period = period;
    this.data = new Float64Array(period);
    this.divisor = (period * (period + 1)) / 2;
    this.resyncEvery = Math.max(period, RESYNC_INTERVAL);
  }

  get isReady(): boolean {
    return this.size === this.period;
  }

  /** Adds `input[0]`. */
  push(): void {
    const x = this.input[0]!;
    const data = this.data;
    if (this.size === this.period) {
      this.weighted += this.period * x - this.sum;
      this.sum += x - data[this.head]!;
    } else {
      this.size++;
      this.weighted += this.size * x;
      this.sum += x;
    }
    data[this.head] = x;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    if (this.size === this.period) this.value[0] = this.weighted / this.divisor;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sinceResync = 0;
    this.sum = 0;
    this.weighted = 0;
    this.value[0] = Number.NaN;
  }

  /** Recomputes both sums from the window, oldest value first (weight 1). */
  private resync(): void {
    this.sinceResync = 0;
    const oldest = this.size === this.period ? this.head : 0;
    let sum = 0;
    let weighted = 0;
    for (let i = 0; i < this.size; i++) {
      const x = this.data[(oldest + i) % this.period]!;
      sum += x;
      weighted += (i + 1) * x;
    }
    this.sum = sum;
    this.weighted = weighted;
  }
}
