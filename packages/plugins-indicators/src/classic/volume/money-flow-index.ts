import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RollingSum } from '../kernels/rolling-sum.js';

/** Options of `MoneyFlowIndex`. */
export const moneyFlowIndexOptions = z.strictObject({
  period: periodSchema(14, 'Number of bar-to-bar flows summed'),
});

/**
 * Money flow index in [0, 100]: raw flow = typical price·volume counts as positive when the typical price rose,
 * negative when it fell (neither when equal); MFI = 100·Σpositive/(Σpositive + Σnegative) over `period` flows
 * (50 when both are 0). Output `value`; warm-up `period + 1` bars.
 */
export class MoneyFlowIndex extends BaseIndicator {
  private readonly positive: RollingSum;
  private readonly negative: RollingSum;
  private previousTypical = Number.NaN;

  constructor(options: z.input<typeof moneyFlowIndexOptions> = {}) {
    const { period } = parseIndicatorOptions(moneyFlowIndexOptions, options, 'MoneyFlowIndex');
    super(['value'], period + 1);
    this.positive = new RollingSum(period);
    this.negative = new RollingSum(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const typical = (bar.high + bar.low + bar.close) / 3;
    const previous = this.previousTypical;
    this.previousTypical = typical;
    if (this.count === 1) return;
    const { positive, negative } = this;
    const flow = typical * bar.volume;
    positive.input[0] = typical > previous ? flow : 0;
    negative.input[0] = typical < previous ? flow : 0;
    positive.push();
    negative.push();
    if (!positive.isFull) return;
    const up = positive.sum[0]!;
    const total = up + negative.sum[0]!;
    this.values[0] = total > 0 ? (100 * up) / total : 50;
  }

  protected clear(): void {
    this.positive.clear();
    this.negative.clear();
    this.previousTypical = Number.NaN;
  }
}

/** Plugin `mfi`: money flow index. */
export const mfi = defineIndicatorPlugin({
  id: 'mfi',
  description: 'Money flow index',
  options: moneyFlowIndexOptions,
  create: (options) => new MoneyFlowIndex(options),
});
