import { describe, expect, it } from 'vitest';
import type { Bar, Tick } from '../model/bar.js';
import type { BarAggregatorOptions } from './bar-aggregator.js';
import { RangeBarAggregator } from './range-bar-aggregator.js';
import { TickBarAggregator } from './tick-bar-aggregator.js';
import { VolumeBarAggregator } from './volume-bar-aggregator.js';

const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** Tick number `second` seconds after T0. */
function tick(second: number, price: number, volume: number): Tick {
  return { symbol: 'CL', time: T0 + second * 1000, price, volume };
}

/** An expected activity bar from its first to its last print (seconds after T0). */
function bar(timeframe: string, firstSecond: number, lastSecond: number, ohlcv: [number, number, number, number, number]): Bar {
  const [open, high, low, close, volume] = ohlcv;
  return { symbol: 'CL', timeframe, start: T0 + firstSecond * 1000, end: T0 + lastSecond * 1000, open, high, low, close, volume, synthetic: false };
}

/** A 1-minute input bar starting `minute` minutes after T0. */
function minuteBar(minute: number, ohlcv: [number, number, number, number, number], synthetic = false): Bar {
  const [open, high, low, close, volume] = ohlcv;
  const start = T0 + minute * 60_000;
  return { symbol: 'CL', timeframe: '1m', start, end: start + 60_000, open, high, low, close, volume, synthetic };
}

function collect<T>(make: (options: BarAggregatorOptions) => T): { aggregator: T; emitted: Bar[] } {
  const emitted: Bar[] = [];
  return { aggregator: make({ onBar: (b) => emitted.push(b) }), emitted };
}

describe('VolumeBarAggregator', () => {
  it('closes a bar at exactly N volume and splits an overshooting tick into the next bars', () => {
    const { aggregator, emitted } = collect((options) => new VolumeBarAggregator(5, options));
    aggregator.updateTick(tick(1, 10, 2));
    aggregator.updateTick(tick(2, 11, 2));
    expect(emitted).toHaveLength(0);
    // 4 + 3 overshoots by 2: one unit completes the bar, 2 open the next bar at 9
    aggregator.updateTick(tick(3, 9, 3));
    expect(emitted).toEqual([bar('volume:5', 1, 3, [10, 11, 9, 9, 5])]);
    // 2 + 13: 3 complete the second bar, the other 10 make two full bars at 12
    aggregator.updateTick(tick(4, 12, 13));
    expect(emitted.slice(1)).toEqual([
      bar('volume:5', 3, 4, [9, 12, 9, 12, 5]),
      bar('volume:5', 4, 4, [12, 12, 12, 12, 5]),
      bar('volume:5', 4, 4, [12, 12, 12, 12, 5]),
    ]);
    aggregator.updateTick(tick(5, 13, 1));
    aggregator.flush();
    expect(emitted.slice(4)).toEqual([bar('volume:5', 5, 5, [13, 13, 13, 13, 1])]);
  });

  it('opens no empty bar when a tick fills the bar exactly', () => {
    const { aggregator, emitted } = collect((options) => new VolumeBarAggregator(5, options));
    aggregator.updateTick(tick(1, 10, 5));
    aggregator.flush();
    expect(emitted).toEqual([bar('volume:5', 1, 1, [10, 10, 10, 10, 5])]);
  });

  it('does not leave rounding residue of fractional volumes as a bar', () => {
    const { aggregator, emitted } = collect((options) => new VolumeBarAggregator(0.3, options));
    aggregator.updateTick(tick(1, 10, 0.1));
    aggregator.updateTick(tick(2, 11, 0.2)); // 0.1 + 0.2 is 0.30000000000000004 in binary
    aggregator.flush();
    expect(emitted).toEqual([bar('volume:0.3', 1, 2, [10, 11, 10, 11, 0.3])]);
  });

  it('treats each input bar as one print at its close and end time, skipping synthetic bars', () => {
    const { aggregator, emitted } = collect((options) => new VolumeBarAggregator(100, options));
    aggregator.updateBar(minuteBar(0, [70, 72, 69, 71, 60]));
    aggregator.updateBar(minuteBar(1, [71, 71, 71, 71, 0], true));
    aggregator.updateBar(minuteBar(2, [71, 75, 68, 74, 70])); // 60 + 70: 40 complete the bar, 30 carry over
    aggregator.flush();
    expect(emitted).toEqual([
      bar('volume:100', 60, 180, [71, 74, 71, 74, 100]),
      bar('volume:100', 180, 180, [74, 74, 74, 74, 30]),
    ]);
  });
});

describe('TickBarAggregator', () => {
  it('closes a bar every N ticks and flushes the partial last bar', () => {
    const { aggregator, emitted } = collect((options) => new TickBarAggregator(3, options));
    const prices = [5, 7, 6, 4, 8, 9, 3];
    prices.forEach((price, index) => aggregator.updateTick(tick(index, price, index + 1)));
    expect(emitted).toEqual([bar('tick:3', 0, 2, [5, 7, 5, 6, 6]), bar('tick:3', 3, 5, [4, 9, 4, 9, 15])]);
    aggregator.flush();
    expect(emitted[2]).toEqual(bar('tick:3', 6, 6, [3, 3, 3, 3, 7]));
  });

  it('counts each input bar as one print at its close', () => {
    const { aggregator, emitted } = collect((options) => new TickBarAggregator(2, options));
    aggregator.updateBar(minuteBar(0, [70, 72, 69, 71, 10]));
    aggregator.updateBar(minuteBar(1, [71, 75, 68, 73, 20]));
    expect(emitted).toEqual([bar('tick:2', 60, 120, [71, 73, 71, 73, 30])]);
  });

  it('rejects a count that is not a whole positive number', () => {
    expect(() => new TickBarAggregator(2.5, { onBar: () => undefined })).toThrow(/whole number > 0, was 2.5/);
  });
});

describe('RangeBarAggregator', () => {
  it('closes a bar with the print that makes high − low reach R, keeping an overshoot in that bar', () => {
    const { aggregator, emitted } = collect((options) => new RangeBarAggregator(10, options));
    aggregator.updateTick(tick(0, 100, 1));
    aggregator.updateTick(tick(1, 104, 1));
    aggregator.updateTick(tick(2, 97, 1)); // range 7
    expect(emitted).toHaveLength(0);
    aggregator.updateTick(tick(3, 108, 2)); // range 108 − 97 = 11: overshoots and closes
    expect(emitted).toEqual([bar('range:10', 0, 3, [100, 108, 97, 108, 5])]);
    aggregator.updateTick(tick(4, 107, 1)); // opens the next bar
    aggregator.updateTick(tick(5, 112, 1));
    aggregator.updateTick(tick(6, 102, 1)); // range exactly 10
    aggregator.updateTick(tick(7, 101, 1));
    aggregator.flush();
    expect(emitted.slice(1)).toEqual([bar('range:10', 4, 6, [107, 112, 102, 102, 3]), bar('range:10', 7, 7, [101, 101, 101, 101, 1])]);
  });

  it('counts a range that is R up to binary rounding as reached', () => {
    const { aggregator, emitted } = collect((options) => new RangeBarAggregator(0.3, options));
    aggregator.updateTick(tick(0, 0.4, 1));
    aggregator.updateTick(tick(1, 0.7, 1)); // 0.7 − 0.4 is 0.29999999999999993 in binary
    expect(emitted).toHaveLength(1);
  });

  it('measures the range of input bars on their closes', () => {
    const { aggregator, emitted } = collect((options) => new RangeBarAggregator(5, options));
    // Highs and lows span 12, but the closes 71, 73, 76 first span 5 at the third bar
    aggregator.updateBar(minuteBar(0, [70, 78, 66, 71, 10]));
    aggregator.updateBar(minuteBar(1, [71, 75, 68, 73, 20]));
    expect(emitted).toHaveLength(0);
    aggregator.updateBar(minuteBar(2, [73, 76, 72, 76, 30]));
    expect(emitted).toEqual([bar('range:5', 60, 180, [71, 76, 71, 76, 60])]);
  });
});

describe('activity bars and time order', () => {
  it('reject a tick older than the previous one, or drop it under lateInput: drop', () => {
    const strict = new TickBarAggregator(5, { onBar: () => undefined });
    strict.updateTick(tick(10, 1, 1));
    expect(() => strict.updateTick(tick(9, 1, 1))).toThrow(expect.objectContaining({ code: 'GM_INPUT_INVALID' }));
    const lenient = new TickBarAggregator(2, { onBar: () => undefined, lateInput: 'drop' });
    lenient.updateTick(tick(10, 1, 1));
    lenient.updateTick(tick(9, 1, 1));
    expect(lenient.droppedInputs).toBe(1);
  });

  it('ignore advanceTo: activity bars do not close with time', () => {
    const { aggregator, emitted } = collect((options) => new VolumeBarAggregator(100, options));
    aggregator.updateTick(tick(0, 1, 1));
    aggregator.advanceTo(T0 + 86_400_000);
    expect(emitted).toHaveLength(0);
  });
});
