import { SdkError } from '../errors/sdk-error.js';
import type { BarAggregatorOptions } from './bar-aggregator.js';
import { ActivityBarAggregator } from './activity-bar-aggregator.js';

/** Tick bars (`tick:N`): each bar holds exactly N prints (ticks, or input bars counted as one print each). */
export class TickBarAggregator extends ActivityBarAggregator {
  /** Prints per bar. */
  readonly count: number;

  constructor(count: number, options: BarAggregatorOptions) {
    if (!Number.isSafeInteger(count) || count <= 0) {
      throw new SdkError('GM_CONFIG_INVALID', `Tick bars: count must be a whole number > 0, was ${count}`);
    }
    super(`tick:${count}`, options);
    this.count = count;
  }

  protected addPrint(time: number, price: number, volume: number): void {
    this.touch(time, price);
    this.volume += volume;
    this.prints += 1;
    if (this.prints === this.count) this.emitWorking();
  }
}
