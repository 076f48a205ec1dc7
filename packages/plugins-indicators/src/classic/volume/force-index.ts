import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `ForceIndex`. */
export const forceIndexOptions = z.strictObject({
  period: periodSchema(13, 'EMA length over the raw force'),
});

/** Elder's force index: EMA((close − previous close)·volume, period), SMA-seeded. Output `value`; warm-up `period + 1` bars. */
export class ForceIndex extends BaseIndicator {
  private readonly average: ExponentialAverage;
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof forceIndexOptions> = {}) {
    const { period } = parseIndicatorOptions(forceIndexOptions, options, 'ForceIndex');
    super(['value'], period + 1);
    this.average = new ExponentialAverage(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const previous = this.previousClose;
    this.previousClose = bar.close;
    if (this.count === 1) return;
    const average = this.average;
    average.input[0] = (bar.close - previous) * bar.volume;
    average.push();
    if (average.isReady) this.values[0] = average.value[0]!;
  }

  protected clear(): void {
    this.average.clear();
    this.previousClose = Number.NaN;
  }
}

/** Plugin `force-index`: Elder's force index. */
export const forceIndex = defineIndicatorPlugin({
  id: 'force-index',
  description: "Elder's force index",
  options: forceIndexOptions,
  create: (options) => new ForceIndex(options),
});
