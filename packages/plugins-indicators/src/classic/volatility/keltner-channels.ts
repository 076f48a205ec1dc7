import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';
import { TrueRangeAverage } from '../kernels/true-range-average.js';

/** Options of `KeltnerChannels`. */
export const keltnerChannelsOptions = z.strictObject({
  period: periodSchema(20, 'EMA length of the middle line'),
  atrPeriod: periodSchema(10, 'ATR length'),
  multiplier: z.number().positive().default(2).describe('Channel width in ATRs'),
  source: priceSourceSchema,
});

/**
 * Keltner channels: middle = EMA(x, period) (SMA-seeded), upper/lower = middle ± multiplier·ATR(atrPeriod) (Wilder).
 * Outputs `middle`, `upper`, `lower`; warm-up `max(period, atrPeriod)` bars.
 */
export class KeltnerChannels extends BaseIndicator {
  private readonly source: number;
  private readonly multiplier: number;
  private readonly middle: ExponentialAverage;
  private readonly atr: TrueRangeAverage;

  constructor(options: z.input<typeof keltnerChannelsOptions> = {}) {
    const { period, atrPeriod, multiplier, source } = parseIndicatorOptions(keltnerChannelsOptions, options, 'KeltnerChannels');
    super(['middle', 'upper', 'lower'], Math.max(period, atrPeriod));
    this.source = priceSourceCode(source);
    this.multiplier = multiplier;
    this.middle = new ExponentialAverage(period);
    this.atr = new TrueRangeAverage(atrPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { middle, atr } = this;
    readPrice(bar, this.source, middle.input);
    middle.push();
    atr.input[0] = bar.high;
    atr.input[1] = bar.low;
    atr.input[2] = bar.close;
    atr.push();
    if (!middle.isReady || !atr.isReady) return;
    const center = middle.value[0]!;
    const offset = this.multiplier * atr.value[0]!;
    this.values[0] = center;
    this.values[1] = center + offset;
    this.values[2] = center - offset;
  }

  protected clear(): void {
    this.middle.clear();
    this.atr.clear();
  }
}

/** Plugin `keltner`: Keltner channels. */
export const keltner = defineIndicatorPlugin({
  id: 'keltner',
  description: 'Keltner channels (EMA ± multiplier·ATR)',
  options: keltnerChannelsOptions,
  create: (options) => new KeltnerChannels(options),
});
