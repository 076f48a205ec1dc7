import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `StochasticOscillator`. */
export const stochasticOscillatorOptions = z.strictObject({
  period: periodSchema(14, 'High/low look-back in bars'),
  smoothK: periodSchema(1, 'SMA length applied to the raw %K (1 = fast stochastic, 3 = slow)'),
  smoothD: periodSchema(3, 'SMA length of %D over %K'),
});

/**
 * Stochastic oscillator: raw %K = 100·(close − lowest low)/(highest high − lowest low) over `period` bars
 * (50 when the range is 0), %K = SMA(raw, smoothK), %D = SMA(%K, smoothD).
 * Outputs `k`, `d`; warm-up `period + smoothK + smoothD − 2` bars.
 */
export class StochasticOscillator extends BaseIndicator {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private readonly kAverage: RollingSum;
  private readonly dAverage: RollingSum;

  constructor(options: z.input<typeof stochasticOscillatorOptions> = {}) {
    const { period, smoothK, smoothD } = parseIndicatorOptions(stochasticOscillatorOptions, options, 'StochasticOscillator');
    super(['k', 'd'], period + smoothK + smoothD - 2);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
    this.kAverage = new RollingSum(smoothK);
    this.dAverage = new RollingSum(smoothD);
  }

  update(bar: BarInput): void {
    this.count++;
    const { highest, lowest, kAverage, dAverage } = this;
    highest.input[0] = bar.high;
    lowest.input[0] = bar.low;
    highest.push();
    lowest.push();
    if (!highest.isFull) return;
    const low = lowest.value[0]!;
    const range = highest.value[0]! - low;
    kAverage.input[0] = range > 0 ? (100 * (bar.close - low)) / range : 50;
    kAverage.push();
    if (!kAverage.isFull) return;
    dAverage.input[0] = kAverage.mean[0]!;
    dAverage.push();
    if (!dAverage.isFull) return;
    this.values[0] = kAverage.mean[0]!;
    this.values[1] = dAverage.mean[0]!;
  }

  protected clear(): void {
    this.highest.clear();
    this.lowest.clear();
    this.kAverage.clear();
    this.dAverage.clear();
  }
}

/** Plugin `stochastic`: stochastic oscillator %K/%D. */
export const stochastic = defineIndicatorPlugin({
  id: 'stochastic',
  description: 'Stochastic oscillator (%K and %D)',
  options: stochasticOscillatorOptions,
  create: (options) => new StochasticOscillator(options),
});
