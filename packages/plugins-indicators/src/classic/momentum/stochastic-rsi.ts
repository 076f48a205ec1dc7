import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RelativeStrength } from '../kernels/relative-strength.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `StochasticRsi`. */
export const stochasticRsiOptions = z.strictObject({
  rsiPeriod: periodSchema(14, 'RSI length in bars'),
  stochasticPeriod: periodSchema(14, 'Look-back over RSI values in bars'),
  kPeriod: periodSchema(3, 'SMA length of %K over the raw stochastic RSI'),
  dPeriod: periodSchema(3, 'SMA length of %D over %K'),
  source: priceSourceSchema,
});

/**
 * Stochastic RSI in [0, 100]: raw = 100·(RSI − min RSI)/(max RSI − min RSI) over `stochasticPeriod` RSI values
 * (50 when they are all equal), %K = SMA(raw, kPeriod), %D = SMA(%K, dPeriod).
 * Outputs `stochRsi`, `k`, `d`; warm-up `rsiPeriod + stochasticPeriod + kPeriod + dPeriod − 2` bars.
 */
export class StochasticRsi extends BaseIndicator {
  private readonly source: number;
  private readonly strength: RelativeStrength;
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private readonly kAverage: RollingSum;
  private readonly dAverage: RollingSum;

  constructor(options: z.input<typeof stochasticRsiOptions> = {}) {
    const parsed = parseIndicatorOptions(stochasticRsiOptions, options, 'StochasticRsi');
    super(['stochRsi', 'k', 'd'], parsed.rsiPeriod + parsed.stochasticPeriod + parsed.kPeriod + parsed.dPeriod - 2);
    this.source = priceSourceCode(parsed.source);
    this.strength = new RelativeStrength(parsed.rsiPeriod);
    this.highest = new RollingExtreme(parsed.stochasticPeriod, 'max');
    this.lowest = new RollingExtreme(parsed.stochasticPeriod, 'min');
    this.kAverage = new RollingSum(parsed.kPeriod);
    this.dAverage = new RollingSum(parsed.dPeriod);
  }

  update(bar: BarInput): void {
    this.count++;
    const { strength, highest, lowest, kAverage, dAverage } = this;
    readPrice(bar, this.source, strength.input);
    strength.push();
    if (!strength.isReady) return;
    const rsi = strength.value[0]!;
    highest.input[0] = lowest.input[0] = rsi;
    highest.push();
    lowest.push();
    if (!highest.isFull) return;
    const low = lowest.value[0]!;
    const range = highest.value[0]! - low;
    const raw = range > 0 ? (100 * (rsi - low)) / range : 50;
    kAverage.input[0] = raw;
    kAverage.push();
    if (!kAverage.isFull) return;
    dAverage.input[0] = kAverage.mean[0]!;
    dAverage.push();
    if (!dAverage.isFull) return;
    this.values[0] = raw;
    this.values[1] = kAverage.mean[0]!;
    this.values[2] = dAverage.mean[0]!;
  }

  protected clear(): void {
    this.strength.clear();
    this.highest.clear();
    this.lowest.clear();
    this.kAverage.clear();
    this.dAverage.clear();
  }
}

/** Plugin `stoch-rsi`: stochastic RSI. */
export const stochRsi = defineIndicatorPlugin({
  id: 'stoch-rsi',
  description: 'Stochastic RSI (raw, %K and %D)',
  options: stochasticRsiOptions,
  create: (options) => new StochasticRsi(options),
});
