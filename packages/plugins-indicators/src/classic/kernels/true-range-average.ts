import { ExponentialAverage } from './exponential-average.js';

/**
 * Wilder's ATR of pushed bars: RMA of the true range max(high − low, |high − prev close|, |low − prev close|), the
 * first bar counting as high − low, seeded with the simple average of the first `period` true ranges; ready after
 * `period` bars. Numbers go in and out through small arrays (see `CompensatedSum` for why).
 */
export class TrueRangeAverage {
  readonly period: number;
  /** Set `input` to [high, low, close], then call `push()`. */
  readonly input = new Float64Array(3);
  /** The ATR (NaN until ready). */
  readonly value: Float64Array;
  private readonly average: ExponentialAverage;
  private previousClose = Number.NaN;

  constructor(period: number) {
    this.period = period;
    this.average = ExponentialAverage.wilder(period);
    this.value = this.average.value;
  }

  get isReady(): boolean {
    return this.average.isReady;
  }

  /** Adds the bar in `input`. */
  push(): void {
    const high = this.input[0]!;
    const low = this.input[1]!;
    const previousClose = this.previousClose;
    this.previousClose = this.input[2]!;
    this.average.input[0] = Number.isNaN(previousClose)
      ? high - low
      : Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
    this.average.push();
  }

  clear(): void {
    this.average.clear();
    this.previousClose = Number.NaN;
  }
}
