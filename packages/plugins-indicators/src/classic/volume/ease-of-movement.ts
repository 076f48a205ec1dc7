import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `EaseOfMovement`. */
export const easeOfMovementOptions = z.strictObject({
  period: periodSchema(14, 'SMA length over the one-bar values'),
  divisor: z.number().positive().default(10_000).describe('Volume divisor that scales the result'),
});

/**
 * Ease of movement: one-bar EMV = (hl2 − previous hl2) / ((volume/divisor)/(high − low)) (0 when high equals low or
 * volume is 0), smoothed by SMA(period). Output `value`; warm-up `period + 1` bars.
 */
export class EaseOfMovement extends BaseIndicator {
  private readonly divisor: number;
  private readonly average: RollingSum;
  private previousMedian = Number.NaN;

  constructor(options: z.input<typeof easeOfMovementOptions> = {}) {
    const { period, divisor } = parseIndicatorOptions(easeOfMovementOptions, options, 'EaseOfMovement');
    super(['value'], period + 1);
    this.divisor = divisor;
    this.average = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const median = (bar.high + bar.low) / 2;
    const previous = this.previousMedian;
    this.previousMedian = median;
    if (this.count === 1) return;
    const range = bar.high - bar.low;
    const average = this.average;
    average.input[0] = range > 0 && bar.volume > 0 ? (median - previous) / (bar.volume / this.divisor / range) : 0;
    average.push();
    if (average.isFull) this.values[0] = average.mean[0]!;
  }

  protected clear(): void {
    this.average.clear();
    this.previousMedian = Number.NaN;
  }
}

/** Plugin `emv`: ease of movement. */
export const emv = defineIndicatorPlugin({
  id: 'emv',
  description: 'Ease of movement (SMA-smoothed)',
  options: easeOfMovementOptions,
  create: (options) => new EaseOfMovement(options),
});
