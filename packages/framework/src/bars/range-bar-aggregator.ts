import { SdkError } from '../errors/sdk-error.js';
import type { BarAggregatorOptions } from './bar-aggregator.js';
import { ActivityBarAggregator } from './activity-bar-aggregator.js';

/**
 * Range bars (`range:R`): a bar closes with the print that makes high − low reach R. That print
 * belongs to the closing bar, so after a price jump a bar's range can exceed R; the next print
 * opens the next bar.
 */
export class RangeBarAggregator extends ActivityBarAggregator {
  /** Price range that closes a bar. */
  readonly range: number;
  // Tolerance so that e.g. 70.31 − 70.21 counts as reaching 0.1 despite binary rounding
  private readonly reach: number;

  constructor(range: number, options: BarAggregatorOptions) {
    if (!(range > 0) || !Number.isFinite(range)) {
      throw new SdkError('GM_CONFIG_INVALID', `Range bars: range must be a finite number > 0, was ${range}`);
    }
    super(`range:${range}`, options);
    this.range = range;
    this.reach = range * (1 - 1e-9);
  }

  protected addPrint(time: number, price: number, volume: number): void {
    this.touch(time, price);
    this.volume += volume;
    if (this.high - this.low >= this.reach) this.emitWorking();
  }
}
