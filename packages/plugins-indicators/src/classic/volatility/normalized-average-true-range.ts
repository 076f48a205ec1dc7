import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { TrueRangeAverage } from '../kernels/true-range-average.js';

/** Options of `NormalizedAverageTrueRange`. */
export const normalizedAverageTrueRangeOptions = z.strictObject({
  period: periodSchema(14, 'Wilder smoothing length in bars'),
});

/** NATR: 100·ATR / close (0 when close is 0), ATR as in `AverageTrueRange`. Output `value`; warm-up `period` bars. */
export class NormalizedAverageTrueRange extends BaseIndicator {
  private readonly atr: TrueRangeAverage;

  constructor(options: z.input<typeof normalizedAverageTrueRangeOptions> = {}) {
    const { period } = parseIndicatorOptions(normalizedAverageTrueRangeOptions, options, 'NormalizedAverageTrueRange');
    super(['value'], period);
    this.atr = new TrueRangeAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const atr = this.atr;
    atr.input[0] = bar.high;
    atr.input[1] = bar.low;
    atr.input[2] = bar.close;
    atr.push();
    if (atr.isReady) this.values[0] = bar.close === 0 ? 0 : (100 * atr.value[0]!) / bar.close;
  }

  protected clear(): void {
    this.atr.clear();
  }
}

/** Plugin `natr`: average true range in percent of the close. */
export const natr = defineIndicatorPlugin({
  id: 'natr',
  description: 'Normalized average true range (percent of close)',
  options: normalizedAverageTrueRangeOptions,
  create: (options) => new NormalizedAverageTrueRange(options),
});
