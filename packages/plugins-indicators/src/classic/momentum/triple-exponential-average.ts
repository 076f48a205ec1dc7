import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `TripleExponentialAverage`. */
export const tripleExponentialAverageOptions = z.strictObject({
  period: periodSchema(15, 'Length of the three EMAs in bars'),
  source: priceSourceSchema,
});

/**
 * TRIX: one-bar rate of change in percent of a triple-smoothed EMA, 100·(T − T[1])/T[1] with T = EMA(EMA(EMA(x))),
 * SMA-seeded EMAs chained once ready (0 when T[1] is 0). Output `value`; warm-up `3·period − 1` bars.
 */
export class TripleExponentialAverage extends BaseIndicator {
  private readonly source: number;
  private readonly first: ExponentialAverage;
  private readonly second: ExponentialAverage;
  private readonly third: ExponentialAverage;
  private previous = Number.NaN;

  constructor(options: z.input<typeof tripleExponentialAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(tripleExponentialAverageOptions, options, 'TripleExponentialAverage');
    super(['value'], 3 * period - 1);
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
    second.input[0] = first.value[0]!;
    second.push();
    if (!second.isReady) return;
    third.input[0] = second.value[0]!;
    third.push();
    if (!third.isReady) return;
    const triple = third.value[0]!;
    const previous = this.previous;
    this.previous = triple;
    if (Number.isNaN(previous)) return;
    this.values[0] = previous === 0 ? 0 : (100 * (triple - previous)) / previous;
  }

  protected clear(): void {
    this.first.clear();
    this.second.clear();
    this.third.clear();
    this.previous = Number.NaN;
  }
}

/** Plugin `trix`: rate of change of a triple EMA. */
export const trix = defineIndicatorPlugin({
  id: 'trix',
  description: 'TRIX: percent rate of change of a triple-smoothed EMA',
  options: tripleExponentialAverageOptions,
  create: (options) => new TripleExponentialAverage(options),
});
