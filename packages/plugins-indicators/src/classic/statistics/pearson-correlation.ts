import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { PRICE_SOURCES, priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingCovariance } from '../kernels/rolling-covariance.js';

/** Options of `PearsonCorrelation`. */
export const pearsonCorrelationOptions = z.strictObject({
  period: z.number().int().min(2).max(1_000_000).default(20).describe('Window in bars (at least 2)'),
  source: priceSourceSchema,
  against: z.enum(PRICE_SOURCES).default('volume').describe('Second series, another field of the same bars (volume by default)'),
});

/**
 * Pearson correlation in [−1, 1] over the last `period` bars between two fields of the same bar:
 * `source` (close by default) and `against` (volume by default); 0 when either is constant over the window.
 * O(1) per bar. Output `value`; warm-up `period` bars.
 */
export class PearsonCorrelation extends BaseIndicator {
  private readonly source: number;
  private readonly against: number;
  private readonly window: RollingCovariance;

  constructor(options: z.input<typeof pearsonCorrelationOptions> = {}) {
    const { period, source, against } = parseIndicatorOptions(pearsonCorrelationOptions, options, 'PearsonCorrelation');
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.against = priceSourceCode(against);
    this.window = new RollingCovariance(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const window = this.window;
    readPrice(bar, this.source, window.input, 0);
    readPrice(bar, this.against, window.input, 1);
    window.push();
    if (window.isFull) this.values[0] = window.correlation[0]!;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `correlation`: rolling Pearson correlation of two bar fields. */
export const correlation = defineIndicatorPlugin({
  id: 'pearson-correlation',
  description: 'Rolling Pearson correlation between two bar fields (close vs volume by default)',
  options: pearsonCorrelationOptions,
  create: (options) => new PearsonCorrelation(options),
});
