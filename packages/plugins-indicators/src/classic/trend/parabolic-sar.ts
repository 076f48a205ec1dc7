import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';

/** Options of `ParabolicSar`. */
export const parabolicSarOptions = z
  .strictObject({
    step: z.number().positive().max(1).default(0.02).describe('Acceleration factor start and increment'),
    max: z.number().positive().max(1).default(0.2).describe('Acceleration factor cap (at least step)'),
  })
  .refine((options) => options.max >= options.step, { message: 'expected max >= step', path: ['max'] });

/**
 * Wilder's parabolic SAR. Starts long on the first bar (SAR = its low, extreme point = its high). On each later bar:
 * SAR += AF·(EP − SAR), clamped beyond the previous two bars' lows (long) or highs (short); a new extreme moves EP
 * and raises AF by `step` up to `max`; when the bar pierces the SAR the trend flips, SAR = EP, EP = the bar's
 * low/high and AF = `step`. Outputs `value` (SAR for the bar), `direction` (1 long, −1 short); warm-up 2 bars.
 */
export class ParabolicSar extends BaseIndicator {
  private readonly step: number;
  private readonly max: number;
  private sar = Number.NaN;
  private extreme = Number.NaN;
  private acceleration = 0;
  private isLong = true;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private earlierHigh = Number.NaN;
  private earlierLow = Number.NaN;

  constructor(options: z.input<typeof parabolicSarOptions> = {}) {
    const { step, max } = parseIndicatorOptions(parabolicSarOptions, options, 'ParabolicSar');
    super(['value', 'direction'], 2);
    this.step = step;
    this.max = max;
    this.acceleration = step;
  }

  update(bar: BarInput): void {
    this.count++;
    const { high, low } = bar;
    if (this.count === 1) {
      this.sar = low;
      this.extreme = high;
      this.previousHigh = this.earlierHigh = high;
      this.previousLow = this.earlierLow = low;
      return;
    }
    let sar = this.sar + this.acceleration * (this.extreme - this.sar);
    if (this.isLong) {
      sar = Math.min(sar, this.earlierLow, this.previousLow);
      if (high > this.extreme) {
        this.extreme = high;
        this.acceleration = Math.min(this.acceleration + this.step, this.max);
      }
    } else {
      sar = Math.max(sar, this.earlierHigh, this.previousHigh);
      if (low < this.extreme) {
        this.extreme = low;
        this.acceleration = Math.min(this.acceleration + this.step, this.max);
      }
    }
    if (this.isLong ? low < sar : high > sar) {
      this.isLong = !this.isLong;
      sar = this.extreme;
      this.extreme = this.isLong ? high : low;
      this.acceleration = this.step;
    }
    this.sar = sar;
    this.earlierHigh = this.previousHigh;
    this.earlierLow = this.previousLow;
    this.previousHigh = high;
    this.previousLow = low;
    this.values[0] = sar;
    this.values[1] = this.isLong ? 1 : -1;
  }

  protected clear(): void {
    this.sar = Number.NaN;
    this.extreme = Number.NaN;
    this.acceleration = this.step;
    this.isLong = true;
    this.previousHigh = Number.NaN;
    this.previousLow = Number.NaN;
    this.earlierHigh = Number.NaN;
    this.earlierLow = Number.NaN;
  }
}

/** Plugin `psar`: Wilder's parabolic stop and reverse. */
export const psar = defineIndicatorPlugin({
  id: 'psar',
  description: "Wilder's parabolic SAR",
  options: parabolicSarOptions,
  create: (options) => new ParabolicSar(options),
});
