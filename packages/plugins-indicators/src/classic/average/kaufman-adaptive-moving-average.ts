import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RingBuffer } from '../kernels/ring-buffer.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `KaufmanAdaptiveMovingAverage`. */
export const kaufmanAdaptiveMovingAverageOptions = z.strictObject({
  period: periodSchema(10, 'Efficiency-ratio window in bars'),
  fastPeriod: periodSchema(2, 'EMA length of the fastest smoothing constant'),
  slowPeriod: periodSchema(30, 'EMA length of the slowest smoothing constant'),
  source: priceSourceSchema,
});

/**
 * Kaufman adaptive moving average. ER = |x − x[period]| / Σ|Δx| over `period` changes (1 when the sum is 0),
 * sc = (ER·(fast − slow) + slow)² with fast = 2/(fastPeriod+1), slow = 2/(slowPeriod+1); KAMA += sc·(x − KAMA).
 * Seeded with the price of bar `period`. Output `value`; warm-up `period` bars.
 */
export class KaufmanAdaptiveMovingAverage extends BaseIndicator {
  private readonly source: number;
  private readonly prices: RingBuffer;
  private readonly changes: RollingSum;
  private readonly fast: number;
  private readonly slow: number;
  private current = Number.NaN;

  constructor(options: z.input<typeof kaufmanAdaptiveMovingAverageOptions> = {}) {
    const parsed = parseIndicatorOptions(kaufmanAdaptiveMovingAverageOptions, options, 'KaufmanAdaptiveMovingAverage');
    super(['value'], parsed.period);
    this.source = priceSourceCode(parsed.source);
    this.prices = new RingBuffer(parsed.period + 1);
    this.changes = new RollingSum(parsed.period);
    this.fast = 2 / (parsed.fastPeriod + 1);
    this.slow = 2 / (parsed.slowPeriod + 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const { prices, changes } = this;
    readPrice(bar, this.source, prices.input);
    const price = prices.input[0]!;
    prices.push();
    if (this.count > 1) {
      changes.input[0] = Math.abs(price - prices.previous[0]!);
      changes.push();
    }
    if (this.count < this.warmUp) return;
    if (this.count === this.warmUp) {
      this.current = price;
    } else {
      const volatility = changes.sum[0]!;
      const ratio = volatility > 0 ? Math.abs(price - prices.oldest[0]!) / volatility : 1;
      const constant = ratio * (this.fast - this.slow) + this.slow;
      this.current += constant * constant * (price - this.current);
    }
    this.values[0] = this.current;
  }

  protected clear(): void {
    this.prices.clear();
    this.changes.clear();
    this.current = Number.NaN;
  }
}

/** Plugin `kama`: Kaufman adaptive moving average. */
export const kama = defineIndicatorPlugin({
  id: 'kama',
  description: 'Kaufman adaptive moving average',
  options: kaufmanAdaptiveMovingAverageOptions,
  create: (options) => new KaufmanAdaptiveMovingAverage(options),
});
