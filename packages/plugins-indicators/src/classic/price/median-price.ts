import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';

/** Options of `MedianPrice` (none besides the binding options). */
export const medianPriceOptions = z.strictObject({});

/** Median price: (high + low)/2 of each bar. Output `value`; warm-up 1 bar. */
export class MedianPrice extends BaseIndicator {
  constructor(options: z.input<typeof medianPriceOptions> = {}) {
    parseIndicatorOptions(medianPriceOptions, options, 'MedianPrice');
    super(['value'], 1);
  }

  update(bar: BarInput): void {
    this.count++;
    this.values[0] = (bar.high + bar.low) / 2;
  }

  protected clear(): void {
    // Stateless: nothing besides the values to reset
  }
}

/** Plugin `median-price`: (high + low)/2 of each bar. */
export const medianPrice = defineIndicatorPlugin({
  id: 'median-price',
  description: 'Median price (high + low)/2',
  options: medianPriceOptions,
  create: (options) => new MedianPrice(options),
});
