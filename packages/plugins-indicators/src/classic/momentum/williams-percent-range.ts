import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';

/** Options of `WilliamsPercentRange`. */
export const williamsPercentRangeOptions = z.strictObject({
  period: periodSchema(14, 'High/low look-back in bars'),
});

/**
 * Williams %R in [−100, 0]: −100·(highest high − close)/(highest high − lowest low) over `period` bars
 * (−50 when the range is 0). Output `value`; warm-up `period` bars.
 */
export class WilliamsPercentRange extends BaseIndicator {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(options: z.input<typeof williamsPercentRangeOptions> = {}) {
    const { period } = parseIndicatorOptions(williamsPercentRangeOptions, options, 'WilliamsPercentRange');
    super(['value'], period);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  update(bar: BarInput): void {
    this.count++;
    const { highest, lowest } = this;
    highest.input[0] = bar.high;
    lowest.input[0] = bar.low;
    highest.push();
    lowest.push();
    if (!highest.isFull) return;
    const high = highest.value[0]!;
    const range = high - lowest.value[0]!;
    this.values[0] = range > 0 ? (-100 * (high - bar.close)) / range : -50;
  }

  protected clear(): void {
    this.highest.clear();
    this.lowest.clear();
  }
}

/** Plugin `williams-r`: Williams %R. */
export const williamsR = defineIndicatorPlugin({
  id: 'williams-r',
  description: 'Williams %R',
  options: williamsPercentRangeOptions,
  create: (options) => new WilliamsPercentRange(options),
});
