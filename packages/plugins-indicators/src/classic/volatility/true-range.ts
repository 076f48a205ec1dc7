import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';

/** Options of `TrueRange` (none besides the binding options). */
export const trueRangeOptions = z.strictObject({});

/**
 * True range: max(high − low, |high − previous close|, |low − previous close|); high − low on the first bar.
 * Output `value`; warm-up 1 bar.
 */
export class TrueRange extends BaseIndicator {
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof trueRangeOptions> = {}) {
    parseIndicatorOptions(trueRangeOptions, options, 'TrueRange');
    super(['value'], 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const { high, low } = bar;
    const previousClose = this.previousClose;
    this.values[0] = Number.isNaN(previousClose)
      ? high - low
      : Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
    this.previousClose = bar.close;
  }

  protected clear(): void {
    this.previousClose = Number.NaN;
  }
}

/** Plugin `true-range`: true range of each bar. */
export const trueRange = defineIndicatorPlugin({
  id: 'true-range',
  description: 'True range of each bar',
  options: trueRangeOptions,
  create: (options) => new TrueRange(options),
});
