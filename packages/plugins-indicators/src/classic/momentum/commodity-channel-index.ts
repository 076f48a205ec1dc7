import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { PRICE_SOURCES, priceSourceCode, readPrice } from '../core/price-source.js';
import { RollingMeanDeviation } from '../kernels/rolling-mean-deviation.js';

/** Options of `CommodityChannelIndex`. */
export const commodityChannelIndexOptions = z.strictObject({
  period: periodSchema(20),
  constant: z.number().positive().default(0.015).describe("Lambert's scaling constant"),
  source: z.enum(PRICE_SOURCES).default('hlc3').describe('Price the index is computed on; typical price (hlc3) by default'),
});

/**
 * Commodity channel index: (p − SMA(p)) / (constant · mean absolute deviation of p), p = typical price by default;
 * 0 when the deviation is 0. O(log period) per bar (order-statistic treap for the deviation).
 * Output `value`; warm-up `period` bars.
 */
export class CommodityChannelIndex extends BaseIndicator {
  private readonly source: number;
  private readonly constant: number;
  private readonly window: RollingMeanDeviation;

  constructor(options: z.input<typeof commodityChannelIndexOptions> = {}) {
    const { period, constant, source } = parseIndicatorOptions(commodityChannelIndexOptions, options, 'CommodityChannelIndex');
    super(['value'], period);
    this.source = priceSourceCode(source);
    this.constant = constant;
    this.window = new RollingMeanDeviation(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const window = this.window;
    readPrice(bar, this.source, window.input);
    window.push();
    if (!window.isFull) return;
    const deviation = window.meanDeviation[0]!;
    this.values[0] = deviation > 0 ? (window.input[0]! - window.mean[0]!) / (this.constant * deviation) : 0;
  }

  protected clear(): void {
    this.window.clear();
  }
}

/** Plugin `cci`: commodity channel index. */
export const cci = defineIndicatorPlugin({
  id: 'cci',
  description: 'Commodity channel index',
  options: commodityChannelIndexOptions,
  create: (options) => new CommodityChannelIndex(options),
});
