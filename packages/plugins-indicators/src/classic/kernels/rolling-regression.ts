import { RESYNC_INTERVAL } from './rolling-sum.js';

/**
 * Least-squares line through the last `period` values against their position x = 0 (oldest) … period − 1 (newest),
 * in amortised O(1): on each slide every x drops by one, so `Σx·y −= Σy(previous window) − oldest` then
 * `+= (period − 1)·y`. Values are anchored and both sums recomputed exactly every `max(period, RESYNC_INTERVAL)`
 * pushes. Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RollingRegression {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** Slope per bar of the fitted line (0 for a one-value window). */
  readonly slope = new Float64Array(1).fill(Number.NaN);
  /** Fitted value at the oldest position of the window (x = 0). */
  readonly intercept = new Float64Array(1).fill(Number.NaN);
  private readonly data: Float64Array;
  private readonly sumX: number;
  private readonly denominator: number;
  private readonly resyncEvery: number;
  private head = 0;
  private size = 0;
  private sinceResync = 0;
  private anchor = Number.NaN;
  private sumY = 0;
  private sumXY = 0;

  constructor(period: number) {
    this.period = period;
    this.data = new Float64Array(period);
    this.sumX = (period * (period - 1)) / 2;
    const sumXX = ((period - 1) * period * (2 * period - 1)) / 6;
    this.denominator = period * sumXX - this.sumX * this.sumX;
    this.resyncEvery = Math.max(period, RESYNC_INTERVAL);
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  /** Adds `input[0]`, dropping the value `period` pushes old. */
  push(): void {
    const y = this.input[0]!;
    if (Number.isNaN(this.anchor)) this.anchor = y;
    const shifted = y - this.anchor;
    if (this.size === this.period) {
      const removed = this.data[this.head]! - this.anchor;
      this.sumXY += removed - this.sumY + (this.period - 1) * shifted;
      this.sumY += shifted - removed;
    } else {
      this.sumXY += this.size * shifted;
      this.sumY += shifted;
      this.size++;
    }
    this.data[this.head] = y;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    if (this.size < this.period) return;
    const slope = this.denominator === 0 ? 0 : (this.period * this.sumXY - this.sumX * this.sumY) / this.denominator;
    this.slope[0] = slope;
    this.intercept[0] = this.anchor + (this.sumY - slope * this.sumX) / this.period;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sinceResync = 0;
    this.anchor = Number.NaN;
    this.sumY = 0;
    this.sumXY = 0;
    this.slope[0] = Number.NaN;
    this.intercept[0] = Number.NaN;
  }

  /** Re-anchors at the newest value and recomputes both sums, oldest value at x = 0. */
  private resync(): void {
    this.sinceResync = 0;
    const oldest = this.size === this.period ? this.head : 0;
    const anchor = this.data[(oldest + this.size - 1) % this.period]!;
    let sumY = 0;
    let sumXY = 0;
    for (let x = 0; x < this.size; x++) {
      const shifted = this.data[(oldest + x) % this.period]! - anchor;
      sumY += shifted;
      sumXY += x * shifted;
    }
    this.anchor = anchor;
    this.sumY = sumY;
    this.sumXY = sumXY;
  }
}
