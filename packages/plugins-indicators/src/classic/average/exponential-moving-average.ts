import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `ExponentialMovingAverage`. */
export const exponentialMovingAverageOptions = z.strictObject({
  period: periodSchema(20, 'Length in bars; smoothing factor alpha = 2 / (period + 1)'),
  source: priceSourceSchema,
});

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the simple average of the first `period` prices.
 * Output `value`; warm-up `period` bars.
 */
export class ExponentialMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly average: ExponentialAverage;

  constructor(options: z.input<typeof exponentialMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(exponentialMovingAverageOptions, options, 'ExponentialMovingAverage');
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.average = new ExponentialAverage(period);
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

/** Plugin `ema`: exponential moving average. */
export const ema = defineIndicatorPlugin({
  id: 'ema',
  description: 'Exponential moving average (SMA-seeded) of a price source',
  options: exponentialMovingAverageOptions,
  create: (options) => new ExponentialMovingAverage(options),
});
