import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `AwesomeOscillator`. */
export const awesomeOscillatorOptions = z
  .strictObject({
    fastPeriod: periodSchema(5, 'Fast SMA length over the median price'),
    slowPeriod: periodSchema(34, 'Slow SMA length over the median price (greater than fastPeriod)'),
  })
  .refine((options) => options.fastPeriod < options.slowPeriod, { message: 'expected fastPeriod < slowPeriod', path: ['fastPeriod'] });

/** Awesome oscillator: SMA(hl2, fast) − SMA(hl2, slow). Output `value`; warm-up `slowPeriod` bars. */
export class AwesomeOscillator extends BaseIndicator {
  private readonly fast: RollingSum;
  private readonly slow: RollingSum;

  constructor(options: z.input<typeof awesomeOscillatorOptions> = {}) {
    const { fastPeriod, slowPeriod } = parseIndicatorOptions(awesomeOscillatorOptions, options, 'AwesomeOscillator');
    super(['value'], slowPeriod);
    this.fast = new RollingSum(fastPeriod);
    this.slow = new RollingSum(slowPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { fast, slow } = this;
    fast.input[0] = slow.input[0] = (bar.high + bar.low) / 2;
    fast.push();
    slow.push();
    if (slow.isFull) this.values[0] = fast.mean[0]! - slow.mean[0]!;
  }

  protected clear(): void {
    this.fast.clear();
    this.slow.clear();
  }
}

/** Plugin `awesome-oscillator`: Bill Williams' awesome oscillator. */
export const awesomeOscillator = defineIndicatorPlugin({
  id: 'awesome-oscillator',
  description: "Bill Williams' awesome oscillator",
  options: awesomeOscillatorOptions,
  create: (options) => new AwesomeOscillator(options),
});
