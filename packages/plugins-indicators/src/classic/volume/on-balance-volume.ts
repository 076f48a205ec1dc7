import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { CompensatedSum } from '../kernels/compensated-sum.js';

/** Options of `OnBalanceVolume` (none besides the binding options). */
export const onBalanceVolumeOptions = z.strictObject({});

/**
 * On-balance volume: 0 on the first bar, then + volume on an up close, − volume on a down close, unchanged on an
 * equal close. Output `value`; warm-up 1 bar.
 */
export class OnBalanceVolume extends BaseIndicator {
  private readonly total = new CompensatedSum();
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof onBalanceVolumeOptions> = {}) {
    parseIndicatorOptions(onBalanceVolumeOptions, options, 'OnBalanceVolume');
    super(['value'], 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const { close, volume } = bar;
    const total = this.total;
    if (close !== this.previousClose && !Number.isNaN(this.previousClose)) {
      total.input[0] = close > this.previousClose ? volume : -volume;
      total.add();
    }
    this.previousClose = close;
    this.values[0] = total.value[0]!;
  }

  protected clear(): void {
    this.total.clear();
    this.previousClose = Number.NaN;
  }
}

/** Plugin `obv`: on-balance volume. */
export const obv = defineIndicatorPlugin({
  id: 'obv',
  description: 'On-balance volume',
  options: onBalanceVolumeOptions,
  create: (options) => new OnBalanceVolume(options),
});
