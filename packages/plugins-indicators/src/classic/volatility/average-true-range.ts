import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { TrueRangeAverage } from '../kernels/true-range-average.js';

/** Options of `AverageTrueRange`. */
export const averageTrueRangeOptions = z.strictObject({
  period: periodSchema(14, 'Wilder smoothing length in bars'),
});

/**
 * Wilder's average true range: RMA of the true range seeded with the average of the first `period` true ranges;
 * the first bar counts with true range high − low. Output `value`; warm-up `period` bars.
 */
export class AverageTrueRange extends BaseIndicator {
  private readonly atr: TrueRangeAverage;

  constructor(options: z.input<typeof averageTrueRangeOptions> = {}) {
    const { period } = parseIndicatorOptions(averageTrueRangeOptions, options, 'AverageTrueRange');
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
    if (atr.isReady) this.values[0] = atr.value[0]!;
  }

  protected clear(): void {
    this.atr.clear();
  }
}

/** Plugin `atr`: Wilder's average true range. */
export const atr = defineIndicatorPlugin({
  id: 'atr',
  description: "Wilder's average true range",
  options: averageTrueRangeOptions,
  create: (options) => new AverageTrueRange(options),
});
