/**
 * Exponential moving average of pushed values: `ema += alpha·(x − ema)`, seeded with the simple average of the
 * first `period` values (TA-Lib / Wilder / TradingView convention), so the first value appears after `period`
 * pushes; `alpha` defaults to 2/(period + 1). Numbers go in and out through one-element arrays (see `CompensatedSum`).
 */
export class ExponentialAverage {
  readonly period: number;
  readonly alpha: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** The average (NaN until ready). */
  readonly value = new Float64Array(1).fill(Number.NaN);
  private seedSum = 0;
  private seen = 0;

  constructor(period: number, alpha = 2 / (period + 1)) {
    this.period = period;
    this.alpha = alpha;
  }

  /** Wilder's smoothing (RMA): alpha = 1/period, seeded with the simple average. */
  static wilder(period: number): ExponentialAverage {
    return new ExponentialAverage(period, 1 / period);
  }

  get isReady(): boolean {
    return this.seen >= this.period;
  }

  /** Adds `input[0]`. */
  push(): void {
    const x = this.input[0]!;
    if (this.seen >= this.period) {
      this.value[0] += this.alpha * (x - this.value[0]!);
      return;
    }
    this.seen++;
    this.seedSum += x;
    if (this.seen === this.period) this.value[0] = this.seedSum / this.period;
  }

  clear(): void {
    this.seedSum = 0;
    this.seen = 0;
    this.value[0] = Number.NaN;
  }
}
