import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `ElderRay`. */
export const elderRayOptions = z.strictObject({
  period: periodSchema(13, 'EMA length'),
  source: priceSourceSchema,
});

/** Elder ray: bull power = high − EMA(x), bear power = low − EMA(x), SMA-seeded EMA. Outputs `bullPower`, `bearPower`; warm-up `period` bars. */
export class ElderRay extends BaseIndicator {
  private readonly source: number;
  private readonly average: ExponentialAverage;

  constructor(options: z.input<typeof elderRayOptions> = {}) {
    const { period, source } = parseIndicatorOptions(elderRayOptions, options, 'ElderRay');
    super(['bullPower', 'bearPower'], period);
    this.source = priceSourceCode(source);
    this.average = new ExponentialAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const average = this.average;
    readPrice(bar, this.source, average.input);
    average.push();
    if (!average.isReady) return;
    this.values[0] = bar.high - average.value[0]!;
    this.values[1] = bar.low - average.value[0]!;
  }

  protected clear(): void {
    this.average.clear();
  }
}

/** Plugin `elder-ray`: Elder's bull and bear power. */
export const elderRay = defineIndicatorPlugin({
  id: 'elder-ray',
  description: "Elder ray (bull power and bear power)",
  options: elderRayOptions,
  create: (options) => new ElderRay(options),
});
