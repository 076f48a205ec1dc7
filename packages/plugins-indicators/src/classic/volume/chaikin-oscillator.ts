import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { CompensatedSum } from '../kernels/compensated-sum.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';
import { writeMoneyFlowVolume } from './money-flow-volume.js';

/** Options of `ChaikinOscillator`. */
export const chaikinOscillatorOptions = z
  .strictObject({
    fastPeriod: periodSchema(3, 'Fast EMA length over the A/D line'),
    slowPeriod: periodSchema(10, 'Slow EMA length over the A/D line (greater than fastPeriod)'),
  })
  .refine((options) => options.fastPeriod < options.slowPeriod, { message: 'expected fastPeriod < slowPeriod', path: ['fastPeriod'] });

/** Chaikin oscillator: EMA(A/D, fast) − EMA(A/D, slow), SMA-seeded EMAs of the A/D line. Output `value`; warm-up `slowPeriod` bars. */
export class ChaikinOscillator extends BaseIndicator {
  private readonly line = new CompensatedSum();
  private readonly fast: ExponentialAverage;
  private readonly slow: ExponentialAverage;

  constructor(options: z.input<typeof chaikinOscillatorOptions> = {}) {
    const { fastPeriod, slowPeriod } = parseIndicatorOptions(chaikinOscillatorOptions, options, 'ChaikinOscillator');
    super(['value'], slowPeriod);
    this.fast = new ExponentialAverage(fastPeriod);
    this.slow = new ExponentialAverage(slowPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { line, fast, slow } = this;
    writeMoneyFlowVolume(bar, line.input);
    line.add();
    fast.input[0] = slow.input[0] = line.value[0]!;
    fast.push();
    slow.push();
    if (slow.isReady) this.values[0] = fast.value[0]! - slow.value[0]!;
  }

  protected clear(): void {
    this.line.clear();
    this.fast.clear();
    this.slow.clear();
  }
}

/** Plugin `chaikin-oscillator`: Chaikin A/D oscillator. */
export const chaikinOscillator = defineIndicatorPlugin({
  id: 'chaikin-oscillator',
  description: 'Chaikin oscillator (fast minus slow EMA of the A/D line)',
  options: chaikinOscillatorOptions,
  create: (options) => new ChaikinOscillator(options),
});
