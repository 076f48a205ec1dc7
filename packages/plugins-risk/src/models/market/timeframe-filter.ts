import type { Bar } from '@grandmodel/framework';

/**
 * Picks the bars of one timeframe out of `bar.closed` (which carries every timeframe of the run): the
 * configured one, or else the timeframe of the first bar seen (the smallest published one).
 */
export class TimeframeFilter {
  private chosen: string | undefined;

  constructor(timeframe?: string) {
    this.chosen = timeframe;
  }

  /** The timeframe in use; undefined until configured or the first bar. */
  get timeframe(): string | undefined {
    return this.chosen;
  }

  /** True when the bar is of the chosen timeframe. */
  accepts(bar: Bar): boolean {
    this.chosen ??= bar.timeframe;
    return bar.timeframe === this.chosen;
  }
}
