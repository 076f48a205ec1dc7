import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';

/** Options of `DonchianChannels`. */
export const donchianChannelsOptions = z.strictObject({
  period: periodSchema(20, 'Look-back in bars, including the current bar'),
});

/**
 * Donchian channels over the last `period` bars including the current one: upper = highest high,
 * lower = lowest low, middle = their mean. Outputs `upper`, `middle`, `lower`; warm-up `period` bars.
 */
export class DonchianChannels extends BaseIndicator {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(options: z.input<typeof donchianChannelsOptions> = {}) {
    const { period } = parseIndicatorOptions(donchianChannelsOptions, options, 'DonchianChannels');
    super(['upper', 'middle', 'lower'], period);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  update(bar: BarInput): void {
    this.count++;
    const { highest, lowest } = this;
    highest.input[0] = bar.high;
    lowest.input[0] = bar.low;
    highest.push();
    lowest.push();
    if (!highest.isFull) return;
    const upper = highest.value[0]!;
    const lower = lowest.value[0]!;
    this.values[0] = upper;
    this.values[1] = (upper + lower) / 2;
    this.values[2] = lower;
  }

  protected clear(): void {
    this.highest.clear();
    this.lowest.clear();
  }
}

/** Plugin `donchian`: Donchian channels. */
export const donchian = defineIndicatorPlugin({
  id: 'donchian',
  description: 'Donchian channels (highest high, lowest low, midpoint)',
  options: donchianChannelsOptions,
  create: (options) => new DonchianChannels(options),
});
