import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';

/** Options of `Aroon`. */
export const aroonOptions = z.strictObject({
  period: periodSchema(25, 'Look-back in bars; the window holds period + 1 bars'),
});

/**
 * Aroon over a window of `period + 1` bars: up = 100·(period − bars since the highest high)/period,
 * down likewise with the lowest low, oscillator = up − down; on ties the most recent extreme counts.
 * Outputs `up`, `down`, `oscillator`; warm-up `period + 1` bars.
 */
export class Aroon extends BaseIndicator {
  private readonly period: number;
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(options: z.input<typeof aroonOptions> = {}) {
    const { period } = parseIndicatorOptions(aroonOptions, options, 'Aroon');
    super(['up', 'down', 'oscillator'], period + 1);
    this.period = period;
    this.highest = new RollingExtreme(period + 1, 'max');
    this.lowest = new RollingExtreme(period + 1, 'min');
  }

  update(bar: BarInput): void {
    this.count++;
    const { highest, lowest } = this;
    highest.input[0] = bar.high;
    lowest.input[0] = bar.low;
    highest.push();
    lowest.push();
    if (!highest.isFull) return;
    const up = (100 * (this.period - highest.age[0]!)) / this.period;
    const down = (100 * (this.period - lowest.age[0]!)) / this.period;
    this.values[0] = up;
    this.values[1] = down;
    this.values[2] = up - down;
  }

  protected clear(): void {
    this.highest.clear();
    this.lowest.clear();
  }
}

/** Plugin `aroon`: Aroon up, down and oscillator. */
export const aroon = defineIndicatorPlugin({
  id: 'aroon',
  description: 'Aroon up, down and oscillator',
  options: aroonOptions,
  create: (options) => new Aroon(options),
});
