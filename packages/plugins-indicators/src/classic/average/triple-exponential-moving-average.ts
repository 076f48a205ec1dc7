import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `TripleExponentialMovingAverage`. */
export const tripleExponentialMovingAverageOptions = z.strictObject({
  period: periodSchema(20, 'Length of the three EMAs in bars'),
  source: priceSourceSchema,
});

/**
 * TEMA = 3·E1 − 3·E2 + E3 with E1 = EMA(x), E2 = EMA(E1), E3 = EMA(E2), all SMA-seeded and chained once ready.
 * Output `value`; warm-up `3·period − 2` bars.
 */
export class TripleExponentialMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly first: ExponentialAverage;
  private readonly second: ExponentialAverage;
  private readonly third: ExponentialAverage;

  constructor(options: z.input<typeof tripleExponentialMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(tripleExponentialMovingAverageOptions, options, 'TripleExponentialMovingAverage');
    super(['value'], 3 * period - 2);
    this.source = priceSourceCode(source);
    this.first = new ExponentialAverage(period);
    this.second = new ExponentialAverage(period);
    this.third = new ExponentialAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const { first, second, third } = this;
    readPrice(bar, this.source, first.input);
    first.push();
    if (!first.isReady) return;
    const e1 = first.value[0]!;
    second.input[0] = e1;
    second.push();
    if (!second.isReady) return;
    const e2 = second.value[0]!;
    third.input[0] = e2;
    third.push();
    if (third.isReady) this.values[0] = 3 * e1 - 3 * e2 + third.value[0]!;
  }

  protected clear(): void {
    this.first.clear();
    this.second.clear();
    this.third.clear();
  }
}

/** Plugin `tema`: triple exponential moving average. */
export const tema = defineIndicatorPlugin({
  id: 'tema',
  description: 'Triple exponential moving average (3·E1 − 3·E2 + E3)',
  options: tripleExponentialMovingAverageOptions,
  create: (options) => new TripleExponentialMovingAverage(options),
});
