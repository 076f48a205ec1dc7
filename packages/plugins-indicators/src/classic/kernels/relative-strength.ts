import { ExponentialAverage } from './exponential-average.js';

/**
 * Wilder's RSI of pushed values: average gain and loss of the changes, each smoothed with Wilder's RMA seeded by the
 * simple average of the first `period` changes. RSI = 100 − 100/(1 + gain/loss); 100 when there were only gains,
 * 50 when the window is flat. Ready after `period + 1` pushes. Numbers go in and out through one-element arrays.
 */
export class RelativeStrength {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** The RSI (NaN until ready). */
  readonly value = new Float64Array(1).fill(Number.NaN);
  private readonly gains: ExponentialAverage;
  private readonly losses: ExponentialAverage;
  private previous = Number.NaN;

  constructor(period: number) {
    this.period = period;
    this.gains = ExponentialAverage.wilder(period);
    this.losses = ExponentialAverage.wilder(period);
  }

  get isReady(): boolean {
    return this.gains.isReady;
  }

  /** Adds `input[0]`. */
  push(): void {
    const x = this.input[0]!;
    const previous = this.previous;
    this.previous = x;
    if (Number.isNaN(previous)) return;
    const change = x - previous;
    this.gains.input[0] = change > 0 ? change : 0;
    this.gains.push();
    this.losses.input[0] = change < 0 ? -change : 0;
    this.losses.push();
    if (!this.gains.isReady) return;
    const gain = this.gains.value[0]!;
    const loss = this.losses.value[0]!;
    if (loss === 0) this.value[0] = gain === 0 ? 50 : 100;
    else this.value[0] = 100 - 100 / (1 + gain / loss);
  }

  clear(): void {
    this.gains.clear();
    this.losses.clear();
    this.previous = Number.NaN;
    this.value[0] = Number.NaN;
  }
}
