import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RingBuffer } from '../kernels/ring-buffer.js';

/** Options of `RateOfChange`. */
export const rateOfChangeOptions = z.strictObject({
  period: periodSchema(12, 'Bars back to compare against'),
  source: priceSourceSchema,
});

/** Rate of change in percent: 100·(x − x[period])/x[period] (0 when x[period] is 0). Output `value`; warm-up `period + 1` bars. */
export class RateOfChange extends BaseIndicator {
  private readonly source: number;
  private readonly prices: RingBuffer;

  constructor(options: z.input<typeof rateOfChangeOptions> = {}) {
    const { period, source } = parseIndicatorOptions(rateOfChangeOptions, options, 'RateOfChange');
    super(['value'], period + 1);
    this.source = priceSourceCode(source);
    this.prices = new RingBuffer(period + 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const prices = this.prices;
    readPrice(bar, this.source, prices.input);
    prices.push();
    if (!prices.isFull) return;
    const reference = prices.oldest[0]!;
    this.values[0] = reference === 0 ? 0 : (100 * (prices.input[0]! - reference)) / reference;
  }

  protected clear(): void {
    this.prices.clear();
  }
}

/** Plugin `roc`: rate of change in percent. */
export const roc = defineIndicatorPlugin({
  id: 'roc',
  description: 'Rate of change in percent',
  options: rateOfChangeOptions,
  create: (options) => new RateOfChange(options),
});
