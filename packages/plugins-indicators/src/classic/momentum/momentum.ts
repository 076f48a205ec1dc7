import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RingBuffer } from '../kernels/ring-buffer.js';

/** Options of `Momentum`. */
export const momentumOptions = z.strictObject({
  period: periodSchema(10, 'Bars back to compare against'),
  source: priceSourceSchema,
});

/** Momentum: x − x[period]. Output `value`; warm-up `period + 1` bars. */
export class Momentum extends BaseIndicator {
  private readonly source: number;
  private readonly prices: RingBuffer;

  constructor(options: z.input<typeof momentumOptions> = {}) {
    const { period, source } = parseIndicatorOptions(momentumOptions, options, 'Momentum');
    super(['value'], period + 1);
    this.source = priceSourceCode(source);
    this.prices = new RingBuffer(period + 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const prices = this.prices;
    readPrice(bar, this.source, prices.input);
    prices.push();
    if (prices.isFull) this.values[0] = prices.input[0]! - prices.oldest[0]!;
  }

  protected clear(): void {
    this.prices.clear();
  }
}

/** Plugin `momentum`: price difference over `period` bars. */
export const momentum = defineIndicatorPlugin({
  id: 'momentum',
  description: 'Momentum: price minus the price `period` bars ago',
  options: momentumOptions,
  create: (options) => new Momentum(options),
});
