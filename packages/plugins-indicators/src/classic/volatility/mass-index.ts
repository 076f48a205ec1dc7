import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `MassIndex`. */
export const massIndexOptions = z.strictObject({
  emaPeriod: periodSchema(9, 'Length of both EMAs of the high−low range'),
  sumPeriod: periodSchema(25, 'Number of EMA ratios summed'),
});

/**
 * Mass index: Σ over `sumPeriod` bars of EMA(range)/EMA(EMA(range)), range = high − low, SMA-seeded EMAs
 * chained once ready (a ratio of 1 when the double EMA is 0). Output `value`;
 * warm-up `2·emaPeriod + sumPeriod − 2` bars.
 */
export class MassIndex extends BaseIndicator {
  private readonly single: ExponentialAverage;
  private readonly double: ExponentialAverage;
  private readonly ratios: RollingSum;

  constructor(options: z.input<typeof massIndexOptions> = {}) {
    const { emaPeriod, sumPeriod } = parseIndicatorOptions(massIndexOptions, options, 'MassIndex');
    super(['value'], 2 * emaPeriod + sumPeriod - 2);
    this.single = new ExponentialAverage(emaPeriod);
    this.double = new ExponentialAverage(emaPeriod);
    this.ratios = new RollingSum(sumPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { single, double, ratios } = this;
    single.input[0] = bar.high - bar.low;
    single.push();
    if (!single.isReady) return;
    double.input[0] = single.value[0]!;
    double.push();
    if (!double.isReady) return;
    const smoothed = double.value[0]!;
    ratios.input[0] = smoothed === 0 ? 1 : single.value[0]! / smoothed;
    ratios.push();
    if (ratios.isFull) this.values[0] = ratios.sum[0]!;
  }

  protected clear(): void {
    this.single.clear();
    this.double.clear();
    this.ratios.clear();
  }
}

/** Plugin `mass-index`: Dorsey's mass index. */
export const massIndex = defineIndicatorPlugin({
  id: 'mass-index',
  description: "Dorsey's mass index",
  options: massIndexOptions,
  create: (options) => new MassIndex(options),
});
