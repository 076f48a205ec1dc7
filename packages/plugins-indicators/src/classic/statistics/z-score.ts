import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingMoments } from '../kernels/rolling-moments.js';
import { estimatorScale, estimatorSchema, sampleNeedsTwo } from './estimator.js';

/** Options of `ZScore`. */
export const zScoreOptions = z
  .strictObject({
    period: periodSchema(20),
    estimator: estimatorSchema,
    source: priceSourceSchema,
  })
  .refine(sampleNeedsTwo, { message: 'expected period >= 2 for the sample estimator', path: ['period'] });

/**
 * Z-score of the current price in its window: (x − mean)/σ over the last `period` prices including x
 * (0 when σ is 0). Output `value`; warm-up `period` bars.
 */
export class ZScore extends BaseIndicator {
  private readonly source: number;
  private readonly scale: number;
  private readonly window: RollingMoments;

  constructor(options: z.input<typeof zScoreOptions> = {}) {
    const { period, estimator, source } = parseIndicatorOptions(zScoreOptions, options, 'ZScore');
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
    if (!window.isFull) return;
    const deviation = Math.sqrt(window.variance[0]! * this.scale);
    this.values[0] = deviation > 0 ? (window.input[0]! - window.mean[0]!) / deviation : 0;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `z-score`: rolling z-score of a price source. */
export const zScore = defineIndicatorPlugin({
  id: 'z-score',
  description: 'Rolling z-score of a price source',
  options: zScoreOptions,
  create: (options) => new ZScore(options),
});
