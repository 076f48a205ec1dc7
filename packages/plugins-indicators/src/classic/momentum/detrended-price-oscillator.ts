import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RingBuffer } from '../kernels/ring-buffer.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `DetrendedPriceOscillator`. */
export const detrendedPriceOscillatorOptions = z.strictObject({
  period: periodSchema(20, 'SMA length in bars'),
  source: priceSourceSchema,
});

/**
 * Detrended price oscillator, causal form: x[d] − SMA(x, period) with displacement d = ⌊period/2⌋ + 1
 * (the price d bars ago against today's average, so no future bar is used).
 * Output `value`; warm-up `max(period, d + 1)` bars.
 */
export class DetrendedPriceOscillator extends BaseIndicator {
  private readonly source: number;
  private readonly average: RollingSum;
  private readonly prices: RingBuffer;

  constructor(options: z.input<typeof detrendedPriceOscillatorOptions> = {}) {
    const { period, source } = parseIndicatorOptions(detrendedPriceOscillatorOptions, options, 'DetrendedPriceOscillator');
    const displacement = Math.floor(period / 2) + 1;
    super(['value'], Math.max(period, displacement + 1));
    this.source = priceSourceCode(source);
    this.average = new RollingSum(period);
    this.prices = new RingBuffer(displacement + 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const { average, prices } = this;
    readPrice(bar, this.source, average.input);
    prices.input[0] = average.input[0]!;
    average.push();
    prices.push();
    if (average.isFull && prices.isFull) this.values[0] = prices.oldest[0]! - average.mean[0]!;
  }

  protected clear(): void {
    this.average.clear();
    this.prices.clear();
  }
}

/** Plugin `dpo`: detrended price oscillator. */
export const dpo = defineIndicatorPlugin({
  id: 'dpo',
  description: 'Detrended price oscillator (causal form)',
  options: detrendedPriceOscillatorOptions,
  create: (options) => new DetrendedPriceOscillator(options),
});
