import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingMoments } from '../kernels/rolling-moments.js';
import { estimatorScale, estimatorSchema, sampleNeedsTwo } from './estimator.js';

/** Options of `Variance`. */
export const varianceOptions = z
  .strictObject({
    period: periodSchema(20),
    estimator: estimatorSchema,
    source: priceSourceSchema,
  })
  .refine(sampleNeedsTwo, { message: 'expected period >= 2 for the sample estimator', path: ['period'] });

/** Variance of the last `period` prices (population by default); O(1) per bar. Output `value`; warm-up `period` bars. */
export class Variance extends BaseIndicator {
  private readonly source: number;
  private readonly scale: number;
  private readonly window: RollingMoments;

  constructor(options: z.input<typeof varianceOptions> = {}, name = 'Variance') {
    const { period, estimator, source } = parseIndicatorOptions(varianceOptions, options, name);
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.scale = estimatorScale(estimator, period);
    this.window = new RollingMoments(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const window = this.window;
    readPrice(bar, this.source, window.input);
    window.push();
    if (window.isFull) this.values[0] = this.transform(window.variance[0]! * this.scale);
  }

  /** Maps the window's variance to the output (the standard deviation takes its square root). */
  protected transform(variance: number): number {
    return variance;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `variance`: rolling variance of a price source. */
export const variance = defineIndicatorPlugin({
  id: 'variance',
  description: 'Rolling variance of a price source',
  options: varianceOptions,
  create: (options) => new Variance(options),
});
