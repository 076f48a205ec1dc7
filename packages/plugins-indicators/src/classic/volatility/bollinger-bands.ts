import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingMoments } from '../kernels/rolling-moments.js';

/** Options of `BollingerBands`. */
export const bollingerBandsOptions = z.strictObject({
  period: periodSchema(20, 'SMA and standard-deviation window in bars'),
  multiplier: z.number().positive().default(2).describe('Band width in population standard deviations'),
  source: priceSourceSchema,
});

/**
 * Bollinger bands: middle = SMA(x), upper/lower = middle ± multiplier·σ with the population σ (divisor n),
 * bandwidth = (upper − lower)/middle (0 when middle is 0), percentB = (x − lower)/(upper − lower) (0.5 when σ is 0).
 * Outputs `middle`, `upper`, `lower`, `bandwidth`, `percentB`; warm-up `period` bars.
 */
export class BollingerBands extends BaseIndicator {
  private readonly source: number;
  private readonly multiplier: number;
  private readonly window: RollingMoments;

  constructor(options: z.input<typeof bollingerBandsOptions> = {}) {
    const { period, multiplier, source } = parseIndicatorOptions(bollingerBandsOptions, options, 'BollingerBands');
    super(['middle', 'upper', 'lower', 'bandwidth', 'percentB'], period);
    this.source = priceSourceCode(source);
    this.multiplier = multiplier;
    this.window = new RollingMoments(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const window = this.window;
    readPrice(bar, this.source, window.input);
    window.push();
    if (!window.isFull) return;
    const price = window.input[0]!;
    const middle = window.mean[0]!;
    const offset = this.multiplier * Math.sqrt(window.variance[0]!);
    const upper = middle + offset;
    const lower = middle - offset;
    const values = this.values;
    values[0] = middle;
    values[1] = upper;
    values[2] = lower;
    values[3] = middle === 0 ? 0 : (upper - lower) / middle;
    values[4] = offset > 0 ? (price - lower) / (upper - lower) : 0.5;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `bollinger`: Bollinger bands with bandwidth and %B. */
export const bollinger = defineIndicatorPlugin({
  id: 'bollinger',
  description: 'Bollinger bands (middle, upper, lower, bandwidth, %B)',
  options: bollingerBandsOptions,
  create: (options) => new BollingerBands(options),
});
