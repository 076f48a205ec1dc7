import type { ActivityBarAggregator } from './activity-bar-aggregator.js';
import type { TimeBarOptions } from './bar-aggregator.js';
import { parseBarSpec } from './bar-spec.js';
import { RangeBarAggregator } from './range-bar-aggregator.js';
import { TickBarAggregator } from './tick-bar-aggregator.js';
import { TimeBarAggregator } from './time-bar-aggregator.js';
import { VolumeBarAggregator } from './volume-bar-aggregator.js';

/**
 * Returns the aggregator for a timeframe text: `5m` → TimeBarAggregator, `volume:N` →
 * VolumeBarAggregator, `tick:N` → TickBarAggregator, `range:R` → RangeBarAggregator.
 * The time-only options (`gapFill`, `maxGap`, `alignmentOffset`) do not apply to activity bars.
 * Activity bars are labelled canonically (`range:2.50` → `range:2.5`). Throws `GM_CONFIG_INVALID`
 * for an unknown timeframe.
 */
export function createBarAggregator(timeframe: string, options: TimeBarOptions): TimeBarAggregator | ActivityBarAggregator {
  const spec = parseBarSpec(timeframe);
  switch (spec.kind) {
    case 'time':
      return new TimeBarAggregator(spec.timeframe, options);
    case 'volume':
      return new VolumeBarAggregator(spec.threshold, options);
    case 'tick':
      return new TickBarAggregator(spec.count, options);
    case 'range':
      return new RangeBarAggregator(spec.range, options);
  }
}
