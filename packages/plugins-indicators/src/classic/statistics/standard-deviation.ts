import type { z } from 'zod';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { Variance, varianceOptions } from './variance.js';

/** Options of `StandardDeviation` (the same as `Variance`'s). */
export const standardDeviationOptions = varianceOptions;

/** Standard deviation of the last `period` prices (population by default); O(1) per bar. Output `value`; warm-up `period` bars. */
export class StandardDeviation extends Variance {
  constructor(options: z.input<typeof standardDeviationOptions> = {}) {
    super(options, 'StandardDeviation');
  }

  protected override transform(variance: number): number {
    return Math.sqrt(variance);
  }
}

/** Plugin `standard-deviation`: rolling standard deviation of a price source. */
export const standardDeviation = defineIndicatorPlugin({
  id: 'standard-deviation',
  description: 'Rolling standard deviation of a price source',
  options: standardDeviationOptions,
  create: (options) => new StandardDeviation(options),
});
