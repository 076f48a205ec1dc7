/**
 * `price_momentum_5` (spec §3.6): `100·(P_t − P_{t−n})/P_{t−n}` clipped to ±`clipPercent`, 0 until n + 1 prices
 * have been seen. A ring of n + 1 closes; O(1) and allocation-free per bar.
 */
export class PriceMomentum {
  readonly bars: number;
  readonly clipPercent: number;
  readonly #closes: Float64Array;
  #count = 0;
  /** Latest momentum in percent. */
  value = 0;

  constructor(bars = 5, clipPercent = 10) {
    this.bars = bars;
    this.clipPercent = clipPercent;
    this.#closes = new Float64Array(bars + 1);
  }

  /** Adds a close and updates `value`. */
  push(close: number): void {
    const closes = this.#closes;
    const length = closes.length;
    closes[this.#count % length] = close;
    this.#count++;
    if (this.#count < length) {
      this.value = 0;
      return;
    }
    const past = closes[(this.#count - length) % length] as number;
    const raw = past === 0 ? 0 : (100 * (close - past)) / past;
    const bound = this.clipPercent;
    this.value = raw < -bound ? -bound : raw > bound ? bound : raw;
  }

  /** Forgets every close. */
  reset(): void {
    this.#closes.fill(0);
    this.#count = 0;
    this.value = 0;
  }
}
