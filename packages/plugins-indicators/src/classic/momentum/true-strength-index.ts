import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `TrueStrengthIndex`. */
export const trueStrengthIndexOptions = z.strictObject({
  longPeriod: periodSchema(25, 'First (long) EMA length over price changes'),
  shortPeriod: periodSchema(13, 'Second (short) EMA length'),
  signalPeriod: periodSchema(13, 'Signal EMA length over the TSI'),
  source: priceSourceSchema,
});

/**
 * True strength index: 100·EMA_short(EMA_long(Δx)) / EMA_short(EMA_long(|Δx|)) (0 when the denominator is 0),
 * signal = EMA(tsi, signalPeriod); SMA-seeded EMAs chained once ready.
 * Outputs `tsi`, `signal`; warm-up `longPeriod + shortPeriod + signalPeriod − 1` bars.
 */
export class TrueStrengthIndex extends BaseIndicator {
  private readonly source: number;
  private readonly longMomentum: ExponentialAverage;
  private readonly longMagnitude: ExponentialAverage;
  private readonly shortMomentum: ExponentialAverage;
  private readonly shortMagnitude: ExponentialAverage;
  private readonly signal: ExponentialAverage;
  private readonly price = new Float64Array(1);
  private previous = Number.NaN;

  constructor(options: z.input<typeof trueStrengthIndexOptions> = {}) {
    const parsed = parseIndicatorOptions(trueStrengthIndexOptions, options, 'TrueStrengthIndex');
    super(['tsi', 'signal'], parsed.longPeriod + parsed.shortPeriod + parsed.signalPeriod - 1);
    this.source = priceSourceCode(parsed.source);
    this.longMomentum = new ExponentialAverage(parsed.longPeriod);
    this.longMagnitude = new ExponentialAverage(parsed.longPeriod);
    this.shortMomentum = new ExponentialAverage(parsed.shortPeriod);
    this.shortMagnitude = new ExponentialAverage(parsed.shortPeriod);
    this.signal = new ExponentialAverage(parsed.signalPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    readPrice(bar, this.source, this.price);
    const price = this.price[0]!;
    const previous = this.previous;
    this.previous = price;
    if (this.count === 1) return;
    const { longMomentum, longMagnitude, shortMomentum, shortMagnitude, signal } = this;
    const change = price - previous;
    longMomentum.input[0] = change;
    longMagnitude.input[0] = Math.abs(change);
    longMomentum.push();
    longMagnitude.push();
    if (!longMomentum.isReady) return;
    shortMomentum.input[0] = longMomentum.value[0]!;
    shortMagnitude.input[0] = longMagnitude.value[0]!;
    shortMomentum.push();
    shortMagnitude.push();
    if (!shortMomentum.isReady) return;
    const magnitude = shortMagnitude.value[0]!;
    const tsi = magnitude > 0 ? (100 * shortMomentum.value[0]!) / magnitude : 0;
    signal.input[0] = tsi;
    signal.push();
    if (!signal.isReady) return;
    this.values[0] = tsi;
    this.values[1] = signal.value[0]!;
  }

  protected clear(): void {
    this.longMomentum.clear();
    this.longMagnitude.clear();
    this.shortMomentum.clear();
    this.shortMagnitude.clear();
    this.signal.clear();
    this.previous = Number.NaN;
  }
}

/** Plugin `tsi`: true strength index with signal line. */
export const tsi = defineIndicatorPlugin({
  id: 'tsi',
  description: 'True strength index with signal line',
  options: trueStrengthIndexOptions,
  create: (options) => new TrueStrengthIndex(options),
});
