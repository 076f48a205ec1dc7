import type { Bar, Tick } from '../model/bar.js';
import type { BarAggregator, BarAggregatorOptions } from './bar-aggregator.js';
import { BarAggregatorBase } from './bar-aggregator-base.js';
import { formatTime } from './time-bucket.js';

/**
 * Base of bars that close on market activity rather than the clock (volume, tick and range bars).
 * Every input is one print: a tick is a print at its price, and an input bar is one print at its
 * close, at its end time, with its volume. Synthetic input bars carry no trades and are skipped.
 * `start` and `end` of an emitted bar are the times of its first and last print.
 */
export abstract class ActivityBarAggregator extends BarAggregatorBase implements BarAggregator {
  protected hasWorking = false;
  protected start = 0;
  protected end = 0;
  protected open = 0;
  protected high = 0;
  protected low = 0;
  protected close = 0;
  protected volume = 0;
  protected prints = 0;

  protected constructor(timeframe: string, options: BarAggregatorOptions) {
    super(timeframe, options);
  }

  updateTick(tick: Tick): void {
    this.checkTick(tick);
    if (tick.time < this.watermark) {
      if (this.dropLate()) return;
      throw this.lateError(`tick at ${formatTime(tick.time)} arrived after a print at ${formatTime(this.watermark)}`);
    }
    this.watermark = tick.time;
    this.addPrint(tick.time, tick.price, tick.volume);
  }

  updateBar(bar: Bar): void {
    this.checkBar(bar);
    if (bar.synthetic) return;
    if (bar.end < this.watermark) {
      if (this.dropLate()) return;
      throw this.lateError(`bar ending ${formatTime(bar.end)} arrived after a print at ${formatTime(this.watermark)}`);
    }
    this.watermark = bar.end;
    this.addPrint(bar.end, bar.close, bar.volume);
  }

  /** Activity bars do not close with time, so this does nothing. */
  advanceTo(_time: number): void {}

  flush(): void {
    if (this.hasWorking) this.emitWorking();
  }

  reset(): void {
    this.resetBase();
    this.hasWorking = false;
  }

  /** Adds one print and emits the bar (or bars) it completes. */
  protected abstract addPrint(time: number, price: number, volume: number): void;

  /** Starts a bar with a price and no volume or prints yet. */
  protected openWorking(time: number, price: number): void {
    this.hasWorking = true;
    this.start = time;
    this.end = time;
    this.open = price;
    this.high = price;
    this.low = price;
    this.close = price;
    this.volume = 0;
    this.prints = 0;
  }

  /** Opens a bar with the price when none is open, else updates high, low, close and end. */
  protected touch(time: number, price: number): void {
    if (!this.hasWorking) {
      this.openWorking(time, price);
      return;
    }
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    this.close = price;
    this.end = time;
  }

  protected emitWorking(): void {
    this.hasWorking = false;
    this.onBar({
      symbol: this.barSymbol,
      timeframe: this.timeframe,
      start: this.start,
      end: this.end,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      synthetic: false,
    });
  }
}
