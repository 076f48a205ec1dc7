import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `SimpleMovingAverage`. */
export const simpleMovingAverageOptions = z.strictObject({
  period: periodSchema(20),
  source: priceSourceSchema,
});

/** Simple moving average: the mean of the last `period` prices. Output `value`; warm-up `period` bars. */
export class SimpleMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly window: RollingSum;

  constructor(options: z.input<typeof simpleMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(simpleMovingAverageOptions, options, 'SimpleMovingAverage');
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.window = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    readPrice(bar, this.source, this.window.input);
    this.window.push();
    if (this.window.isFull) this.values[0] = this.window.mean[0]!;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `sma`: simple moving average. */
export const sma = defineIndicatorPlugin({
  id: 'sma',
  description: 'Simple moving average of a price source',
  options: simpleMovingAverageOptions,
  create: (options) => new SimpleMovingAverage(options),
});
