import { SdkError } from '../errors/sdk-error.js';
import type { Bar, Tick } from '../model/bar.js';
import { isTimeframe, timeframeToMs } from '../model/timeframe.js';
import type { BarAggregator, TimeBarOptions } from './bar-aggregator.js';
import { BarAggregatorBase } from './bar-aggregator-base.js';
import { bucketStart, durationToMs, formatTime } from './time-bucket.js';

/** Default longest gap that is filled with synthetic bars: 120 minutes. */
export const DEFAULT_MAX_GAP_MS = 120 * 60_000;

/**
 * Aggregates ticks or smaller bars into time bars (`1s` … `1d`) stamped with their bucket start.
 * A bar is emitted as soon as it is known to be complete: when an input bar ending on the bucket
 * end arrives, when input for a later bucket arrives, on `advanceTo` past its end, or on `flush`.
 * Empty buckets inside gaps up to `maxGap` become flat synthetic bars (when `gapFill` is on).
 * One instance serves one symbol and allocates only the bars it emits.
 */
export class TimeBarAggregator extends BarAggregatorBase implements BarAggregator {
  /** Bar length in milliseconds. */
  readonly lengthMs: number;
  readonly gapFill: boolean;
  readonly maxGapMs: number;
  /** Grid offset in [0, lengthMs): buckets start at `alignmentOffsetMs + k·lengthMs`. */
  readonly alignmentOffsetMs: number;

  private hasWorking = false;
  private workingStart = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private allSynthetic = true;
  /** Start and close of the last emitted bar (NaN before the first). */
  private lastEmittedStart = Number.NaN;
  private lastClose = Number.NaN;
  /** End of the last emitted bar: buckets before it are closed for good. */
  private closedThrough = -Infinity;

  constructor(timeframe: string, options: TimeBarOptions) {
    if (typeof timeframe !== 'string' || !isTimeframe(timeframe)) {
      throw new SdkError('GM_CONFIG_INVALID', `Time bar timeframe: expected a number and a unit s, m, h or d (e.g. 5m), was ${JSON.stringify(timeframe)}`);
    }
    super(timeframe, options);
    this.lengthMs = timeframeToMs(timeframe);
    const gapFill = options.gapFill ?? true;
    if (typeof gapFill !== 'boolean') {
      throw new SdkError('GM_CONFIG_INVALID', `${this.describe()}: option "gapFill" must be true or false, was ${JSON.stringify(gapFill)}`);
    }
    this.gapFill = gapFill;
    this.maxGapMs = options.maxGap === undefined ? DEFAULT_MAX_GAP_MS : durationToMs(options.maxGap, 'maxGap');
    if (!(this.maxGapMs > 0)) {
      throw new SdkError('GM_CONFIG_INVALID', `${this.describe()}: option "maxGap" must be a positive duration, was ${String(options.maxGap)}`);
    }
    const offset = options.alignmentOffset === undefined ? 0 : durationToMs(options.alignmentOffset, 'alignmentOffset');
    this.alignmentOffsetMs = ((offset % this.lengthMs) + this.lengthMs) % this.lengthMs;
  }

  /** Returns the start of the bucket holding `time` on this aggregator's grid. */
  bucketOf(time: number): number {
    return bucketStart(time, this.lengthMs, this.alignmentOffsetMs);
  }

  updateTick(tick: Tick): void {
    this.checkTick(tick);
    if (tick.time < this.watermark) {
      if (this.dropLate()) return;
      throw this.lateError(`tick at ${formatTime(tick.time)} arrived after input or a closed bar up to ${formatTime(this.watermark)}`);
    }
    const start = this.bucketOf(tick.time);
    if (this.hasWorking && start !== this.workingStart) this.emitWorking();
    if (this.hasWorking) {
      this.merge(tick.price, tick.price, tick.price, tick.volume, false);
    } else {
      this.fillGapBefore(start);
      this.openWorking(start, tick.price, tick.price, tick.price, tick.price, tick.volume, false);
    }
    this.watermark = tick.time;
  }

  updateBar(bar: Bar): void {
    this.checkBar(bar);
    const start = this.bucketOf(bar.start);
    if (bar.start < this.watermark) {
      if (this.isRedundantFill(bar, start) || this.dropLate()) return;
      throw this.lateError(`bar ${formatTime(bar.start)}–${formatTime(bar.end)} arrived after input or a closed bar up to ${formatTime(this.watermark)}`);
    }
    const end = start + this.lengthMs;
    if (bar.end > end) {
      throw new SdkError('GM_INPUT_INVALID', `${this.describe()}: bar ${formatTime(bar.start)}–${formatTime(bar.end)} crosses the bar boundary at ${formatTime(end)}; input bars must divide ${this.timeframe} bars (same grid, smaller or equal length)`);
    }
    if (this.hasWorking && start !== this.workingStart) this.emitWorking();
    if (this.hasWorking) {
      this.merge(bar.high, bar.low, bar.close, bar.volume, bar.synthetic);
    } else {
      this.fillGapBefore(start);
      if (bar.start === start && bar.end === end && bar.timeframe === this.timeframe && bar.symbol === this.barSymbol) {
        // An input bar that is already a whole bar of this timeframe passes through unchanged
        this.watermark = end;
        this.emit(bar);
        return;
      }
      this.openWorking(start, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.synthetic);
    }
    this.watermark = bar.end;
    if (bar.end === end) this.emitWorking();
  }

  advanceTo(time: number): void {
    if (this.hasWorking && time >= this.workingStart + this.lengthMs) this.emitWorking();
  }

  flush(): void {
    if (this.hasWorking) this.emitWorking();
  }

  reset(): void {
    this.resetBase();
    this.hasWorking = false;
    this.lastEmittedStart = Number.NaN;
    this.lastClose = Number.NaN;
    this.closedThrough = -Infinity;
  }

  private openWorking(start: number, open: number, high: number, low: number, close: number, volume: number, synthetic: boolean): void {
    this.hasWorking = true;
    this.workingStart = start;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.allSynthetic = synthetic;
  }

  private merge(high: number, low: number, close: number, volume: number, synthetic: boolean): void {
    if (high > this.high) this.high = high;
    if (low < this.low) this.low = low;
    this.close = close;
    this.volume += volume;
    this.allSynthetic &&= synthetic;
  }

  /** Emits flat bars for the empty buckets between the last emitted bar and `start` when the gap is short. */
  private fillGapBefore(start: number): void {
    if (!this.gapFill || Number.isNaN(this.lastEmittedStart)) return;
    if (start - this.lastEmittedStart > this.maxGapMs) return;
    const price = this.lastClose;
    for (let bucket = this.lastEmittedStart + this.lengthMs; bucket < start; bucket += this.lengthMs) {
      this.emit({
        symbol: this.barSymbol,
        timeframe: this.timeframe,
        start: bucket,
        end: bucket + this.lengthMs,
        open: price,
        high: price,
        low: price,
        close: price,
        volume: 0,
        synthetic: true,
      });
    }
  }

  /**
   * True for a synthetic flat bar at the last close for an already closed bucket: an upstream
   * aggregator's gap fill arriving after `advanceTo` closed the bucket. It cannot change that bar.
   */
  private isRedundantFill(bar: Bar, start: number): boolean {
    return (
      bar.synthetic &&
      bar.volume === 0 &&
      start < this.closedThrough &&
      bar.open === this.lastClose &&
      bar.high === this.lastClose &&
      bar.low === this.lastClose &&
      bar.close === this.lastClose
    );
  }

  private emitWorking(): void {
    this.hasWorking = false;
    this.emit({
      symbol: this.barSymbol,
      timeframe: this.timeframe,
      start: this.workingStart,
      end: this.workingStart + this.lengthMs,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      synthetic: this.allSynthetic,
    });
  }

  private emit(bar: Bar): void {
    // State is final before the listener runs, so a listener may call back into the aggregator
    this.lastEmittedStart = bar.start;
    this.lastClose = bar.close;
    this.closedThrough = bar.end;
    if (bar.end > this.watermark) this.watermark = bar.end;
    this.onBar(bar);
  }
}
