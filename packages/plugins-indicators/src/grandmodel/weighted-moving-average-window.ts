/**
 * Streaming linearly weighted moving average with weights 1..L (newest weighted L), as MLMI defines it:
 * the value is 0 (not empty) until L values have been seen.
 * The weighted sum runs from the newest value back, so results match the reference bit for bit.
 */
export class WeightedMovingAverageWindow {
  readonly length: number;
  value = 0;
  // Each value is written twice so the last `length` values are always contiguous
  readonly #buffer: Float64Array;
  readonly #divisor: number;
  #count = 0;

  constructor(length: number) {
    this.length = length;
    this.#buffer = new Float64Array(2 * length);
    this.#divisor = (length * (length + 1)) / 2;
  }

  /** Adds the next value; `value` then holds the updated average. */
  push(x: number): void {
    const length = this.length;
    const slot = this.#count % length;
    const buffer = this.#buffer;
    buffer[slot] = x;
    buffer[slot + length] = x;
    this.#count += 1;
    if (this.#count < length) {
      this.value = 0;
      return;
    }
    const newest = slot + length;
    let sum = 0;
    for (let back = 0; back < length; back += 1) sum += (buffer[newest - back] as number) * (length - back);
    this.value = sum / this.#divisor;
  }

  /** Forgets every value. */
  reset(): void {
    this.#count = 0;
    this.value = 0;
  }
}
