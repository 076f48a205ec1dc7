/**
 * Streaming Wilder RSI as MLMI defines it: gains and losses start with a zero at the first value,
 * the averages are seeded at index `period − 1` with `sum / period`, then smoothed as `(avg·(period − 1) + x) / period`.
 * The value is 0 before the seed and 100 when the average loss is 0.
 */
export class WilderRsi {
  readonly period: number;
  value = 0;
  #previous = 0;
  #count = 0;
  #gainSum = 0;
  #lossSum = 0;
  #averageGain = 0;
  #averageLoss = 0;

  constructor(period: number) {
    this.period = period;
  }

  /** Adds the next price; `value` then holds the updated RSI. */
  push(price: number): void {
    let gain = 0;
    let loss = 0;
    if (this.#count > 0) {
      const delta = price - this.#previous;
      if (delta > 0) gain = delta;
      else if (delta < 0) loss = -delta;
    }
    this.#previous = price;
    const index = this.#count;
    this.#count += 1;
    const period = this.period;
    if (index < period - 1) {
      this.#gainSum += gain;
      this.#lossSum += loss;
      this.value = 0;
      return;
    }
    if (index === period - 1) {
      this.#averageGain = (this.#gainSum + gain) / period;
      this.#averageLoss = (this.#lossSum + loss) / period;
    } else {
      this.#averageGain = (this.#averageGain * (period - 1) + gain) / period;
      this.#averageLoss = (this.#averageLoss * (period - 1) + loss) / period;
    }
    const averageLoss = this.#averageLoss;
    this.value = averageLoss === 0 ? 100 : 100 - 100 / (1 + this.#averageGain / averageLoss);
  }

  /** Forgets every price. */
  reset(): void {
    this.value = 0;
    this.#previous = 0;
    this.#count = 0;
    this.#gainSum = this.#lossSum = this.#averageGain = this.#averageLoss = 0;
  }
}
