import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `DoubleExponentialMovingAverage`. */
export const doubleExponentialMovingAverageOptions = z.strictObject({
  period: periodSchema(20, 'Length of both EMAs in bars'),
  source: priceSourceSchema,
});

/**
 * DEMA = 2·EMA(x) − EMA(EMA(x)), both SMA-seeded; the inner EMA's values feed the outer one once it is ready.
 * Output `value`; warm-up `2·period − 1` bars.
 */
export class DoubleExponentialMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly first: ExponentialAverage;
  private readonly second: ExponentialAverage;

  constructor(options: z.input<typeof doubleExponentialMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(doubleExponentialMovingAverageOptions, options, 'DoubleExponentialMovingAverage');
    super(['value'], 2 * period - 1);
    this.source = priceSourceCode(source);
    this.first = new ExponentialAverage(period);
    this.second = new ExponentialAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const first = this.first;
    readPrice(bar, this.source, first.input);
    first.push();
    if (!first.isReady) return;
    const e1 = first.value[0]!;
    this.second.input[0] = e1;
    this.second.push();
    if (this.second.isReady) this.values[0] = 2 * e1 - this.second.value[0]!;
  }

  protected clear(): void {
    this.first.clear();
    this.second.clear();
  }
}

/** Plugin `dema`: double exponential moving average. */
export const dema = defineIndicatorPlugin({
  id: 'dema',
  description: 'Double exponential moving average (2·EMA − EMA of EMA)',
  options: doubleExponentialMovingAverageOptions,
  create: (options) => new DoubleExponentialMovingAverage(options),
});
