import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `UltimateOscillator`. */
export const ultimateOscillatorOptions = z.strictObject({
  shortPeriod: periodSchema(7, 'Short window in bars (weight 4)'),
  mediumPeriod: periodSchema(14, 'Medium window in bars (weight 2)'),
  longPeriod: periodSchema(28, 'Long window in bars (weight 1)'),
});

/** Weights of the short, medium and long averages. */
const WEIGHTS = [4, 2, 1] as const;

/**
 * Ultimate oscillator in [0, 100]: with buying pressure BP = close − min(low, prev close) and
 * TR = max(high, prev close) − min(low, prev close), UO = 100·(4·A_s + 2·A_m + A_l)/7 where A_n = ΣBP/ΣTR over n bars
 * (0.5 when ΣTR is 0). Output `value`; warm-up `max(periods) + 1` bars (the first bar has no previous close).
 */
export class UltimateOscillator extends BaseIndicator {
  private readonly pressure: readonly [RollingSum, RollingSum, RollingSum];
  private readonly range: readonly [RollingSum, RollingSum, RollingSum];
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof ultimateOscillatorOptions> = {}) {
    const { shortPeriod, mediumPeriod, longPeriod } = parseIndicatorOptions(ultimateOscillatorOptions, options, 'UltimateOscillator');
    super(['value'], Math.max(shortPeriod, mediumPeriod, longPeriod) + 1);
    this.pressure = [new RollingSum(shortPeriod), new RollingSum(mediumPeriod), new RollingSum(longPeriod)];
    this.range = [new RollingSum(shortPeriod), new RollingSum(mediumPeriod), new RollingSum(longPeriod)];
  }

  update(bar: BarInput): void {
    this.count++;
    const previousClose = this.previousClose;
    this.previousClose = bar.close;
    if (this.count === 1) return;
    const trueLow = Math.min(bar.low, previousClose);
    const buying = bar.close - trueLow;
    const trueRange = Math.max(bar.high, previousClose) - trueLow;
    let weighted = 0;
    for (let i = 0; i < 3; i++) {
      const pressure = this.pressure[i]!;
      const range = this.range[i]!;
      pressure.input[0] = buying;
      range.input[0] = trueRange;
      pressure.push();
      range.push();
      const rangeSum = range.sum[0]!;
      weighted += WEIGHTS[i]! * (rangeSum > 0 ? pressure.sum[0]! / rangeSum : 0.5);
    }
    if (this.count >= this.warmUp) this.values[0] = (100 * weighted) / 7;
  }

  protected clear(): void {
    for (let i = 0; i < 3; i++) {
      this.pressure[i].clear();
      this.range[i].clear();
    }
    this.previousClose = Number.NaN;
  }
}

/** Plugin `ultimate-oscillator`: Williams' ultimate oscillator. */
export const ultimateOscillator = defineIndicatorPlugin({
  id: 'ultimate-oscillator',
  description: "Williams' ultimate oscillator",
  options: ultimateOscillatorOptions,
  create: (options) => new UltimateOscillator(options),
});
