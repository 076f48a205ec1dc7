import { RESYNC_INTERVAL } from './rolling-sum.js';

/**
 * Population covariance, variances and Pearson correlation of the last `period` (x, y) pairs in amortised O(1),
 * with the numerics of `RollingMoments` (anchored sums, recomputed exactly every `max(period, RESYNC_INTERVAL)`
 * pushes). Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RollingCovariance {
  readonly period: number;
  /** Set `input[0]` (x) and `input[1]` (y), then call `push()`. */
  readonly input = new Float64Array(2);
  /** Population covariance of the window. */
  readonly covariance = new Float64Array(1).fill(Number.NaN);
  /** Pearson correlation in [−1, 1]; 0 when either series is constant over the window. */
  readonly correlation = new Float64Array(1).fill(Number.NaN);
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly resyncEvery: number;
  private head = 0;
  private size = 0;
  private sinceResync = 0;
  private anchorX = Number.NaN;
  private anchorY = Number.NaN;
  private sumX = 0;
  private sumY = 0;
  private sumXX = 0;
  private sumYY = 0;
  private sumXY = 0;

  constructor(period: number) {
    this.period = period;
    this.xs = new Float64Array(period);
    this.ys = new Float64Array(period);
    this.resyncEvery = Math.max(period, RESYNC_INTERVAL);
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  /** Adds the pair (`input[0]`, `input[1]`), dropping the pair `period` pushes old. */
  push(): void {
    const x = this.input[0]!;
    const y = this.input[1]!;
    if (Number.isNaN(this.anchorX)) {
      this.anchorX = x;
      this.anchorY = y;
    }
    const dx = x - this.anchorX;
    const dy = y - this.anchorY;
    this.sumX += dx;
    this.sumY += dy;
    this.sumXX += dx * dx;
    this.sumYY += dy * dy;
    this.sumXY += dx * dy;
    if (this.size === this.period) {
      const ox = this.xs[this.head]! - this.anchorX;
      const oy = this.ys[this.head]! - this.anchorY;
      this.sumX -= ox;
      this.sumY -= oy;
      this.sumXX -= ox * ox;
      this.sumYY -= oy * oy;
      this.sumXY -= ox * oy;
    } else {
      this.size++;
    }
    this.xs[this.head] = x;
    this.ys[this.head] = y;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    if (++this.sinceResync >= this.resyncEvery) this.resync();
    const n = this.size;
    const meanX = this.sumX / n;
    const meanY = this.sumY / n;
    const covariance = this.sumXY / n - meanX * meanY;
    const varianceX = this.sumXX / n - meanX * meanX;
    const varianceY = this.sumYY / n - meanY * meanY;
    const denominator = Math.sqrt((varianceX > 0 ? varianceX : 0) * (varianceY > 0 ? varianceY : 0));
    const r = denominator > 0 ? covariance / denominator : 0;
    this.covariance[0] = covariance;
    this.correlation[0] = r > 1 ? 1 : r < -1 ? -1 : r;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.sinceResync = 0;
    this.anchorX = Number.NaN;
    this.anchorY = Number.NaN;
    this.sumX = this.sumY = this.sumXX = this.sumYY = this.sumXY = 0;
    this.covariance[0] = Number.NaN;
    this.correlation[0] = Number.NaN;
  }

  /** Re-anchors at the window means and recomputes every sum from the stored pairs. */
  private resync(): void {
    this.sinceResync = 0;
    const anchorX = this.anchorX + this.sumX / this.size;
    const anchorY = this.anchorY + this.sumY / this.size;
    let sumX = 0;
    let sumY = 0;
    let sumXX = 0;
    let sumYY = 0;
    let sumXY = 0;
    for (let i = 0; i < this.size; i++) {
      const dx = this.xs[i]! - anchorX;
      const dy = this.ys[i]! - anchorY;
      sumX += dx;
      sumY += dy;
      sumXX += dx * dx;
      sumYY += dy * dy;
      sumXY += dx * dy;
    }
    this.anchorX = anchorX;
    this.anchorY = anchorY;
    this.sumX = sumX;
    this.sumY = sumY;
    this.sumXX = sumXX;
    this.sumYY = sumYY;
    this.sumXY = sumXY;
  }
}
