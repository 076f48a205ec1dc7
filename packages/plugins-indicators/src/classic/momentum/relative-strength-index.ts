import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RelativeStrength } from '../kernels/relative-strength.js';

/** Options of `RelativeStrengthIndex`. */
export const relativeStrengthIndexOptions = z.strictObject({
  period: periodSchema(14, 'Wilder smoothing length in bars'),
  source: priceSourceSchema,
});

/**
 * Wilder's RSI in [0, 100]: gains and losses smoothed with RMA (seeded by their simple average).
 * Output `value`; warm-up `period + 1` bars (the first bar has no change).
 */
export class RelativeStrengthIndex extends BaseIndicator {
  private readonly source: number;
  private readonly strength: RelativeStrength;

  constructor(options: z.input<typeof relativeStrengthIndexOptions> = {}) {
    const { period, source } = parseIndicatorOptions(relativeStrengthIndexOptions, options, 'RelativeStrengthIndex');
    super(['value'], period + 1);
    this.source = priceSourceCode(source);
    this.strength = new RelativeStrength(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const strength = this.strength;
    readPrice(bar, this.source, strength.input);
    strength.push();
    if (strength.isReady) this.values[0] = strength.value[0]!;
  }

  protected clear(): void {
    this.strength.clear();
  }
}

/** Plugin `rsi`: Wilder's relative strength index. */
export const rsi = defineIndicatorPlugin({
  id: 'rsi',
  description: "Wilder's relative strength index",
  options: relativeStrengthIndexOptions,
  create: (options) => new RelativeStrengthIndex(options),
});
