import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { WeightedAverage } from '../kernels/weighted-average.js';

/** Options of `WeightedMovingAverage`. */
export const weightedMovingAverageOptions = z.strictObject({
  period: periodSchema(20),
  source: priceSourceSchema,
});

/** Linearly weighted moving average (weights 1…period, newest heaviest). Output `value`; warm-up `period` bars. */
export class WeightedMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly average: WeightedAverage;

  constructor(options: z.input<typeof weightedMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(weightedMovingAverageOptions, options, 'WeightedMovingAverage');
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.average = new WeightedAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    readPrice(bar, this.source, this.average.input);
    this.average.push();
    if (this.average.isReady) this.values[0] = this.average.value[0]!;
  }

  protected clear(): void {
    this.average.clear();
  }
}

/** Plugin `wma`: linearly weighted moving average. */
export const wma = defineIndicatorPlugin({
  id: 'wma',
  description: 'Linearly weighted moving average of a price source',
  options: weightedMovingAverageOptions,
  create: (options) => new WeightedMovingAverage(options),
});
