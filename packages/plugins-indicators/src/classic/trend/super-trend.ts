import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { TrueRangeAverage } from '../kernels/true-range-average.js';

/** Options of `SuperTrend`. */
export const superTrendOptions = z.strictObject({
  period: periodSchema(10, 'ATR length (Wilder)'),
  multiplier: z.number().positive().default(3).describe('Band distance from hl2 in ATRs'),
});

/**
 * SuperTrend. Basic bands hl2 ± multiplier·ATR; the final upper band only moves down (and the lower only up)
 * unless the previous close crossed it. The trend turns up when the close rises above the final upper band and
 * turns down when it falls below the final lower band; on the first ready bar it is up only if close > upper.
 * Outputs `value` (lower band in an uptrend, upper band in a downtrend), `direction` (1 up, −1 down),
 * `upper`, `lower` (final bands); warm-up `period` bars.
 */
export class SuperTrend extends BaseIndicator {
  private readonly multiplier: number;
  private readonly atr: TrueRangeAverage;
  private upper = Number.NaN;
  private lower = Number.NaN;
  private previousClose = Number.NaN;
  private isUp = false;

  constructor(options: z.input<typeof superTrendOptions> = {}) {
    const { period, multiplier } = parseIndicatorOptions(superTrendOptions, options, 'SuperTrend');
    super(['value', 'direction', 'upper', 'lower'], period);
    this.multiplier = multiplier;
    this.atr = new TrueRangeAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const atr = this.atr;
    atr.input[0] = bar.high;
    atr.input[1] = bar.low;
    atr.input[2] = bar.close;
    atr.push();
    if (!atr.isReady) return;
    const median = (bar.high + bar.low) / 2;
    const basicUpper = median + this.multiplier * atr.value[0]!;
    const basicLower = median - this.multiplier * atr.value[0]!;
    const close = bar.close;
    if (Number.isNaN(this.previousClose)) {
      this.upper = basicUpper;
      this.lower = basicLower;
      this.isUp = close > basicUpper;
    } else {
      const previousClose = this.previousClose;
      if (basicUpper < this.upper || previousClose > this.upper) this.upper = basicUpper;
      if (basicLower > this.lower || previousClose < this.lower) this.lower = basicLower;
      this.isUp = this.isUp ? close >= this.lower : close > this.upper;
    }
    this.previousClose = close;
    this.values[0] = this.isUp ? this.lower : this.upper;
    this.values[1] = this.isUp ? 1 : -1;
    this.values[2] = this.upper;
    this.values[3] = this.lower;
  }

  protected clear(): void {
    this.atr.clear();
    this.upper = Number.NaN;
    this.lower = Number.NaN;
    this.previousClose = Number.NaN;
    this.isUp = false;
  }
}

/** Plugin `supertrend`: SuperTrend line and direction. */
export const supertrend = defineIndicatorPlugin({
  id: 'supertrend',
  description: 'SuperTrend (ATR bands around hl2 that flip with the trend)',
  options: superTrendOptions,
  create: (options) => new SuperTrend(options),
});
