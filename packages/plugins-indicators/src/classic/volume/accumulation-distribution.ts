import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { CompensatedSum } from '../kernels/compensated-sum.js';
import { writeMoneyFlowVolume } from './money-flow-volume.js';

/** Options of `AccumulationDistribution` (none besides the binding options). */
export const accumulationDistributionOptions = z.strictObject({});

/**
 * Accumulation/distribution line: running sum of money-flow volume, multiplier·volume with
 * multiplier = ((close − low) − (high − close))/(high − low) (0 when high equals low). Output `value`; warm-up 1 bar.
 */
export class AccumulationDistribution extends BaseIndicator {
  private readonly total = new CompensatedSum();

  constructor(options: z.input<typeof accumulationDistributionOptions> = {}) {
    parseIndicatorOptions(accumulationDistributionOptions, options, 'AccumulationDistribution');
    super(['value'], 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const total = this.total;
    writeMoneyFlowVolume(bar, total.input);
    total.add();
    this.values[0] = total.value[0]!;
  }

  protected clear(): void {
    this.total.clear();
  }
}

/** Plugin `ad`: accumulation/distribution line. */
export const ad = defineIndicatorPlugin({
  id: 'ad',
  description: 'Accumulation/distribution line',
  options: accumulationDistributionOptions,
  create: (options) => new AccumulationDistribution(options),
});
