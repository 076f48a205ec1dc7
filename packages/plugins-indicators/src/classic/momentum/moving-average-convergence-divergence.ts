import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of a fast/slow EMA line with a signal EMA over it (MACD, PPO); `line` names the line in descriptions. */
export function emaLineOptions(line: string) {
  return z
    .strictObject({
      fastPeriod: periodSchema(12, 'Fast EMA length in bars'),
      slowPeriod: periodSchema(26, 'Slow EMA length in bars (greater than fastPeriod)'),
      signalPeriod: periodSchema(9, `Signal EMA length over the ${line} line`),
      source: priceSourceSchema,
    })
    .refine((options) => options.fastPeriod < options.slowPeriod, { message: 'expected fastPeriod < slowPeriod', path: ['fastPeriod'] });
}

/** Options of `MovingAverageConvergenceDivergence`. */
export const movingAverageConvergenceDivergenceOptions = emaLineOptions('MACD');

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

  constructor(
    options: z.input<typeof movingAverageConvergenceDivergenceOptions> = {},
    kind: { readonly name: string; readonly line: string; readonly schema: typeof movingAverageConvergenceDivergenceOptions } = {
      name: 'MovingAverageConvergenceDivergence',
      line: 'macd',
      schema: movingAverageConvergenceDivergenceOptions,
    },
  ) {
    const parsed = parseIndicatorOptions(kind.schema, options, kind.name);
    super([kind.line, 'signal', 'histogram'], parsed.slowPeriod + parsed.signalPeriod - 1);
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
    const line = this.line(fast.value[0]!, slow.value[0]!);
    signal.input[0] = line;
    signal.push();
    if (!signal.isReady) return;
    this.values[0] = line;
    this.values[1] = signal.value[0]!;
    this.values[2] = line - signal.value[0]!;
  }

  /** The line from the two EMAs: their difference (PPO scales it by the slow EMA). */
  protected line(fastValue: number, slowValue: number): number {
    return fastValue - slowValue;
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
