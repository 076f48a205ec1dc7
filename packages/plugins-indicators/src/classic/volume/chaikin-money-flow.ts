import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';
import { writeMoneyFlowVolume } from './money-flow-volume.js';

/** Options of `ChaikinMoneyFlow`. */
export const chaikinMoneyFlowOptions = z.strictObject({
  period: periodSchema(20),
});

/** Chaikin money flow: Σ money-flow volume / Σ volume over `period` bars (0 when Σ volume is 0). Output `value`; warm-up `period` bars. */
export class ChaikinMoneyFlow extends BaseIndicator {
  private readonly flow: RollingSum;
  private readonly volume: RollingSum;

  constructor(options: z.input<typeof chaikinMoneyFlowOptions> = {}) {
    const { period } = parseIndicatorOptions(chaikinMoneyFlowOptions, options, 'ChaikinMoneyFlow');
    super(['value'], period);
    this.flow = new RollingSum(period);
    this.volume = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const { flow, volume } = this;
    writeMoneyFlowVolume(bar, flow.input);
    volume.input[0] = bar.volume;
    flow.push();
    volume.push();
    if (!volume.isFull) return;
    const total = volume.sum[0]!;
    this.values[0] = total > 0 ? flow.sum[0]! / total : 0;
  }

  protected clear(): void {
    this.flow.clear();
    this.volume.clear();
  }
}

/** Plugin `cmf`: Chaikin money flow. */
export const cmf = defineIndicatorPlugin({
  id: 'cmf',
  description: 'Chaikin money flow',
  options: chaikinMoneyFlowOptions,
  create: (options) => new ChaikinMoneyFlow(options),
});
