import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `VortexIndicator`. */
export const vortexIndicatorOptions = z.strictObject({
  period: periodSchema(14, 'Number of bar-to-bar movements summed'),
});

/**
 * Vortex indicator: VI+ = Σ|high − previous low| / ΣTR and VI− = Σ|low − previous high| / ΣTR over `period` bars
 * (0 when ΣTR is 0). Outputs `plus`, `minus`; warm-up `period + 1` bars.
 */
export class VortexIndicator extends BaseIndicator {
  private readonly plus: RollingSum;
  private readonly minus: RollingSum;
  private readonly range: RollingSum;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof vortexIndicatorOptions> = {}) {
    const { period } = parseIndicatorOptions(vortexIndicatorOptions, options, 'VortexIndicator');
    super(['plus', 'minus'], period + 1);
    this.plus = new RollingSum(period);
    this.minus = new RollingSum(period);
    this.range = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const { high, low, close } = bar;
    const { plus, minus, range } = this;
    if (this.count > 1) {
      const previousClose = this.previousClose;
      plus.input[0] = Math.abs(high - this.previousLow);
      minus.input[0] = Math.abs(low - this.previousHigh);
      range.input[0] = Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
      plus.push();
      minus.push();
      range.push();
    }
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    if (!range.isFull) return;
    const total = range.sum[0]!;
    this.values[0] = total > 0 ? plus.sum[0]! / total : 0;
    this.values[1] = total > 0 ? minus.sum[0]! / total : 0;
  }

  protected clear(): void {
    this.plus.clear();
    this.minus.clear();
    this.range.clear();
    this.previousHigh = Number.NaN;
    this.previousLow = Number.NaN;
    this.previousClose = Number.NaN;
  }
}

/** Plugin `vortex`: vortex indicator VI+ and VI−. */
export const vortex = defineIndicatorPlugin({
  id: 'vortex',
  description: 'Vortex indicator (VI+ and VI−)',
  options: vortexIndicatorOptions,
  create: (options) => new VortexIndicator(options),
});
