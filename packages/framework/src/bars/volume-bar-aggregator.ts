import { SdkError } from '../errors/sdk-error.js';
import type { BarAggregatorOptions } from './bar-aggregator.js';
import { ActivityBarAggregator } from './activity-bar-aggregator.js';

/**
 * Volume bars (`volume:N`): each bar holds exactly N volume. A print that overshoots is split:
 * the part that fills the bar closes it, and the rest opens the next bar at the same price and
 * time (a very large print can close several bars at once).
 */
export class VolumeBarAggregator extends ActivityBarAggregator {
  /** Volume per bar. */
  readonly threshold: number;
  // Differences below this are rounding residue of fractional volumes, not volume
  private readonly residue: number;

  constructor(threshold: number, options: BarAggregatorOptions) {
    if (!(threshold > 0) || !Number.isFinite(threshold)) {
      throw new SdkError('GM_CONFIG_INVALID', `Volume bars: threshold must be a finite number > 0, was ${threshold}`);
    }
    super(`volume:${threshold}`, options);
    this.threshold = threshold;
    this.residue = threshold * 1e-9;
  }

  protected addPrint(time: number, price: number, volume: number): void {
    this.touch(time, price);
    let remaining = volume;
    for (;;) {
      const needed = this.threshold - this.volume;
      if (remaining < needed - this.residue) {
        this.volume += remaining;
        return;
      }
      this.volume = this.threshold;
      remaining -= needed;
      this.emitWorking();
      if (remaining <= this.residue) return;
      this.openWorking(time, price);
    }
  }
}
