import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `PercentagePriceOscillator`. */
export const percentagePriceOscillatorOptions = z
  .strictObject({
    fastPeriod: periodSchema(12, 'Fast EMA length in bars'),
    slowPeriod: periodSchema(26, 'Slow EMA length in bars (greater than fastPeriod)'),
    signalPeriod: periodSchema(9, 'Signal EMA length over the PPO line'),
    source: priceSourceSchema,
  })
  .refine((options) => options.fastPeriod < options.slowPeriod, { message: 'expected fastPeriod < slowPeriod', path: ['fastPeriod'] });

/**
 * Percentage price oscillator: ppo = 100·(EMA(fast) − EMA(slow))/EMA(slow), signal = EMA(ppo, signalPeriod),
 * histogram = ppo − signal; SMA-seeded EMAs as in MACD. Outputs `ppo`, `signal`, `histogram`;
 * warm-up `slowPeriod + signalPeriod − 1` bars.
 */
export class PercentagePriceOscillator extends BaseIndicator {
  private readonly source: number;
  private readonly fast: ExponentialAverage;
  private readonly slow: ExponentialAverage;
  private readonly signal: ExponentialAverage;

  constructor(options: z.input<typeof percentagePriceOscillatorOptions> = {}) {
    const parsed = parseIndicatorOptions(percentagePriceOscillatorOptions, options, 'PercentagePriceOscillator');
    super(['ppo', 'signal', 'histogram'], parsed.slowPeriod + parsed.signalPeriod - 1);
    this.source = priceSourceCode(parsed.source);
    this.fast = new ExponentialAverage(parsed.fastPeriod);
    this.slow = new ExponentialAverage(parsed.slowPeriod);
    this.signal = new ExponentialAverage(parsed.signalPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { fast, slow, signal } = this;
    readPrice(bar, this.source, fast.input);
    slow.input[0] = fast.input[0]!;
    fast.push();
    slow.push();
    if (!slow.isReady) return;
    const slowValue = slow.value[0]!;
    const ppo = slowValue === 0 ? 0 : (100 * (fast.value[0]! - slowValue)) / slowValue;
    signal.input[0] = ppo;
    signal.push();
    if (!signal.isReady) return;
    this.values[0] = ppo;
    this.values[1] = signal.value[0]!;
    this.values[2] = ppo - signal.value[0]!;
  }

  protected clear(): void {
    this.fast.clear();
    this.slow.clear();
    this.signal.clear();
  }
}

/** Plugin `ppo`: percentage price oscillator. */
export const ppo = defineIndicatorPlugin({
  id: 'ppo',
  description: 'Percentage price oscillator with signal line and histogram',
  options: percentagePriceOscillatorOptions,
  create: (options) => new PercentagePriceOscillator(options),
});
