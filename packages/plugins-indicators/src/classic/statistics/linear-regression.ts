import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { priceSourceCode, priceSourceSchema, readPrice } from '../core/price-source.js';
import { RollingRegression } from '../kernels/rolling-regression.js';

/** Options of `LinearRegression`. */
export const linearRegressionOptions = z.strictObject({
  period: z.number().int().min(2).max(1_000_000).default(14).describe('Window in bars (at least 2)'),
  source: priceSourceSchema,
});

/**
 * Least-squares line through the last `period` prices against bar position (x = 0 oldest … period − 1 newest).
 * Outputs `value` (fitted value at the newest bar), `slope` (per bar), `intercept` (fitted value at the oldest bar
 * of the window); O(1) per bar. Warm-up `period` bars.
 */
export class LinearRegression extends BaseIndicator {
  private readonly source: number;
  private readonly regression: RollingRegression;

  constructor(options: z.input<typeof linearRegressionOptions> = {}) {
    const { period, source } = parseIndicatorOptions(linearRegressionOptions, options, 'LinearRegression');
    super(['value', 'slope', 'intercept'], period);
    this.source = priceSourceCode(source);
    this.regression = new RollingRegression(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const regression = this.regression;
    readPrice(bar, this.source, regression.input);
    regression.push();
    if (!regression.isFull) return;
    const slope = regression.slope[0]!;
    const intercept = regression.intercept[0]!;
    this.values[0] = intercept + slope * (regression.period - 1);
    this.values[1] = slope;
    this.values[2] = intercept;
  }

  protected clear(): void {
    this.regression.clear();
  }
}

/** Plugin `linear-regression`: rolling least-squares value, slope and intercept. */
export const linearRegression = defineIndicatorPlugin({
  id: 'linear-regression',
  description: 'Rolling linear regression (value at the newest bar, slope, intercept)',
  options: linearRegressionOptions,
  create: (options) => new LinearRegression(options),
});
