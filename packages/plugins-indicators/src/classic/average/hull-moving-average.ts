import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { WeightedAverage } from '../kernels/weighted-average.js';

/** Options of `HullMovingAverage`. */
export const hullMovingAverageOptions = z.strictObject({
  period: z.number().int().min(2).max(1_000_000).default(16).describe('Length in bars (at least 2)'),
  source: priceSourceSchema,
});

/**
 * Hull moving average: WMA(2·WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋).
 * Output `value`; warm-up `period + ⌊√period⌋ − 1` bars.
 */
export class HullMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly half: WeightedAverage;
  private readonly full: WeightedAverage;
  private readonly smooth: WeightedAverage;

  constructor(options: z.input<typeof hullMovingAverageOptions> = {}) {
    const { period, source } = parseIndicatorOptions(hullMovingAverageOptions, options, 'HullMovingAverage');
    const root = Math.floor(Math.sqrt(period));
    super(['value'], period + root - 1);
    this.source = priceSourceCode(source);
    this.half = new WeightedAverage(Math.floor(period / 2));
    this.full = new WeightedAverage(period);
    this.smooth = new WeightedAverage(root);
  }

  update(bar: BarInput): void {
    this.count++;
    const { half, full, smooth } = this;
    readPrice(bar, this.source, half.input);
    full.input[0] = half.input[0]!;
    half.push();
    full.push();
    if (!full.isReady) return;
    smooth.input[0] = 2 * half.value[0]! - full.value[0]!;
    smooth.push();
    if (smooth.isReady) this.values[0] = smooth.value[0]!;
  }

  protected clear(): void {
    this.half.clear();
    this.full.clear();
    this.smooth.clear();
  }
}

/** Plugin `hma`: Hull moving average. */
export const hma = defineIndicatorPlugin({
  id: 'hma',
  description: 'Hull moving average',
  options: hullMovingAverageOptions,
  create: (options) => new HullMovingAverage(options),
});
