import { SdkError } from '../errors/sdk-error.js';
import type { Bar, Tick } from '../model/bar.js';
import { isTimeframe, timeframeToMs } from '../model/timeframe.js';
import type { BarAggregator, BarListener, TimeBarOptions } from './bar-aggregator.js';
import { TimeBarAggregator } from './time-bar-aggregator.js';
import { formatTime } from './time-bucket.js';

/** Options of a MultiTimeframeAggregator. */
export interface MultiTimeframeOptions extends TimeBarOptions {
  /** What is fed in: `ticks`, or bars of one timeframe such as `1m`. */
  readonly base: string;
  /** Time bar timeframes to produce, e.g. `['5m', '30m']`; each must divide the next and be a multiple of the base. */
  readonly timeframes: readonly string[];
}

/**
 * Produces several time bar timeframes from one base stream (ticks, or bars of the base
 * timeframe). The timeframes form a chain, smallest first: the smallest is built from the input
 * and each larger one from the bars of the one before it. So at a shared boundary the smaller
 * bar is emitted first, and a larger bar is emitted as soon as it is complete, never earlier
 * (no look-ahead): right after the smaller bar that ends on its boundary, or when input for a
 * later bucket arrives. Gap filling is decided once, on the smallest timeframe; the larger
 * ones inherit its synthetic bars. A timeframe equal to the base passes the base bars through.
 */
export class MultiTimeframeAggregator implements BarAggregator {
  /** `ticks` or the base bar timeframe. */
  readonly base: string;
  /** The produced timeframes, smallest first. */
  readonly timeframes: readonly string[];
  private readonly baseMs: number;
  private readonly stages: readonly TimeBarAggregator[];

  constructor(options: MultiTimeframeOptions) {
    const { base, timeframes, onBar } = options;
    if (base !== 'ticks' && (typeof base !== 'string' || !isTimeframe(base))) {
      throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "base": expected "ticks" or a timeframe such as "1m", was ${JSON.stringify(base)}`);
    }
    if (!Array.isArray(timeframes) || timeframes.length === 0) {
      throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "timeframes": expected a non-empty list such as ["5m", "30m"], was ${JSON.stringify(timeframes)}`);
    }
    this.base = base;
    this.baseMs = base === 'ticks' ? 0 : timeframeToMs(base);
    const sorted = MultiTimeframeAggregator.checkChain(timeframes, base, this.baseMs);
    this.timeframes = Object.freeze(sorted.map((entry) => entry.timeframe));

    // Built largest first so each stage's listener can hand its bars to the next larger stage
    const stages: TimeBarAggregator[] = new Array<TimeBarAggregator>(sorted.length);
    for (let index = sorted.length - 1; index >= 0; index--) {
      const next = stages[index + 1];
      const listener: BarListener =
        next === undefined
          ? onBar
          : (bar) => {
              onBar(bar);
              next.updateBar(bar);
            };
      stages[index] = new TimeBarAggregator(sorted[index]!.timeframe, {
        ...options,
        onBar: listener,
        gapFill: index === 0 ? options.gapFill : false,
      });
    }
    this.stages = stages;
  }

  /** Adds one tick; only valid with `base: 'ticks'`. */
  updateTick(tick: Tick): void {
    if (this.baseMs !== 0) {
      throw new SdkError('GM_INPUT_INVALID', `MultiTimeframeAggregator ${this.timeframes.join(',')}: received a tick, but the base is ${this.base} bars`);
    }
    this.stages[0]!.updateTick(tick);
    this.advanceLargerStages(tick.time);
  }

  /** Adds one base bar; only valid with a timeframe base, and the bar must span exactly that timeframe. */
  updateBar(bar: Bar): void {
    if (this.baseMs === 0) {
      throw new SdkError('GM_INPUT_INVALID', `MultiTimeframeAggregator ${this.timeframes.join(',')}: received a bar, but the base is ticks`);
    }
    if (bar.end - bar.start !== this.baseMs) {
      throw new SdkError('GM_INPUT_INVALID', `MultiTimeframeAggregator ${this.timeframes.join(',')}: bar ${formatTime(bar.start)}–${formatTime(bar.end)} must span the base ${this.base}, was ${bar.end - bar.start} ms`);
    }
    this.stages[0]!.updateBar(bar);
    this.advanceLargerStages(bar.start);
  }

  /** Closes every bar whose time is over, smallest timeframe first. */
  advanceTo(time: number): void {
    for (const stage of this.stages) stage.advanceTo(time);
  }

  /** Emits the open bars at the end of data, smallest timeframe first. */
  flush(): void {
    for (const stage of this.stages) stage.flush();
  }

  reset(): void {
    for (const stage of this.stages) stage.reset();
  }

  /**
   * Input at `time` proves that larger bars ending by then are complete, even when the smallest
   * stage handed them no bar ending on their boundary (data stopped early in the bucket). The
   * smallest stage has already emitted everything before `time`, gap fills included.
   */
  private advanceLargerStages(time: number): void {
    for (let index = 1; index < this.stages.length; index++) this.stages[index]!.advanceTo(time);
  }

  /** Sorts the targets and checks that they form a divisibility chain above the base. */
  private static checkChain(timeframes: readonly string[], base: string, baseMs: number): { timeframe: string; lengthMs: number }[] {
    const entries = timeframes.map((timeframe, index) => {
      if (typeof timeframe !== 'string' || !isTimeframe(timeframe)) {
        throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "timeframes[${index}]": expected a time bar timeframe such as "30m", was ${JSON.stringify(timeframe)}`);
      }
      return { timeframe, lengthMs: timeframeToMs(timeframe) };
    });
    entries.sort((left, right) => left.lengthMs - right.lengthMs);
    // The base may equal the smallest target (pass-through); two targets may not be equal
    let previous = baseMs === 0 ? undefined : { timeframe: base, lengthMs: baseMs, isBase: true };
    for (const entry of entries) {
      if (previous !== undefined) {
        if (entry.lengthMs === previous.lengthMs && !previous.isBase) {
          throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "timeframes": "${previous.timeframe}" and "${entry.timeframe}" are the same length`);
        }
        if (entry.lengthMs < previous.lengthMs) {
          throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "timeframes": "${entry.timeframe}" is smaller than the base ${base}; bars cannot be split`);
        }
        if (entry.lengthMs % previous.lengthMs !== 0) {
          throw new SdkError('GM_CONFIG_INVALID', `MultiTimeframeAggregator option "timeframes": "${entry.timeframe}" is not a whole multiple of "${previous.timeframe}"; each timeframe must divide the next`);
        }
      }
      previous = { ...entry, isBase: false };
    }
    return entries;
  }
}
