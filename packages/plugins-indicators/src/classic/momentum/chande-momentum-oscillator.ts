import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `ChandeMomentumOscillator`. */
export const chandeMomentumOscillatorOptions = z.strictObject({
  period: periodSchema(14, 'Number of price changes summed'),
  source: priceSourceSchema,
});

/**
 * Chande momentum oscillator in [−100, 100]: 100·(Σgains − Σlosses)/(Σgains + Σlosses) over the last `period`
 * changes (0 when flat). Output `value`; warm-up `period + 1` bars.
 */
export class ChandeMomentumOscillator extends BaseIndicator {
  private readonly source: number;
  private readonly gains: RollingSum;
  private readonly losses: RollingSum;
  private readonly price = new Float64Array(1);
  private previous = Number.NaN;

  constructor(options: z.input<typeof chandeMomentumOscillatorOptions> = {}) {
    const { period, source } = parseIndicatorOptions(chandeMomentumOscillatorOptions, options, 'ChandeMomentumOscillator');
    super(['value'], period + 1);
    this.source = priceSourceCode(source);
    this.gains = new RollingSum(period);
    this.losses = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    readPrice(bar, this.source, this.price);
    const price = this.price[0]!;
    const previous = this.previous;
    this.previous = price;
    if (this.count === 1) return;
    const { gains, losses } = this;
    const change = price - previous;
    gains.input[0] = change > 0 ? change : 0;
    losses.input[0] = change < 0 ? -change : 0;
    gains.push();
    losses.push();
    if (!gains.isFull) return;
    const up = gains.sum[0]!;
    const down = losses.sum[0]!;
    const total = up + down;
    this.values[0] = total > 0 ? (100 * (up - down)) / total : 0;
  }

  protected clear(): void {
    this.gains.clear();
    this.losses.clear();
    this.previous = Number.NaN;
  }
}

/** Plugin `cmo`: Chande momentum oscillator. */
export const cmo = defineIndicatorPlugin({
  id: 'cmo',
  description: 'Chande momentum oscillator',
  options: chandeMomentumOscillatorOptions,
  create: (options) => new ChandeMomentumOscillator(options),
});
