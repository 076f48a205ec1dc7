import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';

/** Options of `TypicalPrice` (none besides the binding options). */
export const typicalPriceOptions = z.strictObject({});

/** Typical price: (high + low + close)/3 of each bar. Output `value`; warm-up 1 bar. */
export class TypicalPrice extends BaseIndicator {
  constructor(options: z.input<typeof typicalPriceOptions> = {}) {
    parseIndicatorOptions(typicalPriceOptions, options, 'TypicalPrice');
    super(['value'], 1);
  }

  update(bar: BarInput): void {
    this.count++;
    this.values[0] = (bar.high + bar.low + bar.close) / 3;
  }

  protected clear(): void {
    // Stateless: nothing besides the values to reset
  }
}

/** Plugin `typical-price`: (high + low + close)/3 of each bar. */
export const typicalPrice = defineIndicatorPlugin({
  id: 'typical-price',
  description: 'Typical price (high + low + close)/3',
  options: typicalPriceOptions,
  create: (options) => new TypicalPrice(options),
});
