import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `MovingAverageConvergenceDivergence`. */
export const movingAverageConvergenceDivergenceOptions = z
  .strictObject({
    fastPeriod: periodSchema(12, 'Fast EMA length in bars'),
    slowPeriod: periodSchema(26, 'Slow EMA length in bars (greater than fastPeriod)'),
    signalPeriod: periodSchema(9, 'Signal EMA length over the MACD line'),
    source: priceSourceSchema,
  })
  .refine((options) => options.fastPeriod < options.slowPeriod, { message: 'expected fastPeriod < slowPeriod', path: ['fastPeriod'] });

/**
 * MACD: macd = EMA(fast) − EMA(slow), signal = EMA(macd, signalPeriod), histogram = macd − signal.
 * Every EMA is SMA-seeded and both price EMAs start at the first bar; the signal EMA starts at the first MACD value.
 * Outputs `macd`, `signal`, `histogram`; warm-up `slowPeriod + signalPeriod − 1` bars.
 */
export class MovingAverageConvergenceDivergence extends BaseIndicator {
  private readonly source: number;
  private readonly fast: ExponentialAverage;
  private readonly slow: ExponentialAverage;
  private readonly signal: ExponentialAverage;

  constructor(options: z.input<typeof movingAverageConvergenceDivergenceOptions> = {}) {
    const parsed = parseIndicatorOptions(movingAverageConvergenceDivergenceOptions, options, 'MovingAverageConvergenceDivergence');
    super(['macd', 'signal', 'histogram'], parsed.slowPeriod + parsed.signalPeriod - 1);
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
    const macd = fast.value[0]! - slow.value[0]!;
    signal.input[0] = macd;
    signal.push();
    if (!signal.isReady) return;
    this.values[0] = macd;
    this.values[1] = signal.value[0]!;
    this.values[2] = macd - signal.value[0]!;
  }

  protected clear(): void {
    this.fast.clear();
    this.slow.clear();
    this.signal.clear();
  }
}

/** Plugin `macd`: moving average convergence/divergence. */
export const macd = defineIndicatorPlugin({
  id: 'macd',
  description: 'MACD line, signal line and histogram',
  options: movingAverageConvergenceDivergenceOptions,
  create: (options) => new MovingAverageConvergenceDivergence(options),
});
