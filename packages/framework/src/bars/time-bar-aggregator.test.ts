import { describe, expect, it } from 'vitest';
import type { Bar, Tick } from '../model/bar.js';
import { SdkError } from '../errors/sdk-error.js';
import { TimeBarAggregator } from './time-bar-aggregator.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 2024-01-02 (a Tuesday) at hh:mm:ss UTC. */
function at(hour: number, minute: number, second = 0, ms = 0): number {
  return Date.UTC(2024, 0, 2, hour, minute, second, ms);
}

function tick(time: number, price: number, volume: number, symbol = 'NQ'): Tick {
  return { symbol, time, price, volume };
}

/** An expected bar written out by hand. */
function bar(timeframe: string, start: number, lengthMs: number, ohlcv: [number, number, number, number, number], synthetic = false): Bar {
  const [open, high, low, close, volume] = ohlcv;
  return { symbol: 'NQ', timeframe, start, end: start + lengthMs, open, high, low, close, volume, synthetic };
}

function minuteBar(start: number, ohlcv: [number, number, number, number, number], synthetic = false): Bar {
  return bar('1m', start, MINUTE, ohlcv, synthetic);
}

/** Returns the SDK error code `action` throws, or a marker when it throws something else or nothing. */
function thrownCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return SdkError.is(error) ? error.code : 'not an SdkError';
  }
  return 'nothing thrown';
}

function collect(timeframe: string, options: Omit<ConstructorParameters<typeof TimeBarAggregator>[1], 'onBar'> = {}) {
  const emitted: Bar[] = [];
  const aggregator = new TimeBarAggregator(timeframe, { ...options, onBar: (b) => emitted.push(b) });
  return { aggregator, emitted };
}

const TICKS: Tick[] = [
  tick(at(9, 0, 5), 100, 1),
  tick(at(9, 0, 30), 102, 2),
  tick(at(9, 0, 59, 999), 99, 1),
  tick(at(9, 1, 0), 101, 3), // exactly on the boundary: opens 09:01
  tick(at(9, 1, 40), 103, 1),
  tick(at(9, 3, 10), 104, 2), // 09:02 is empty
  tick(at(9, 5, 0), 98, 5),
  tick(at(9, 12, 0), 97, 1),
];

describe('TimeBarAggregator from ticks', () => {
  it('builds 1-minute bars, emitting each when a tick of a later minute arrives', () => {
    const { aggregator, emitted } = collect('1m');
    aggregator.updateTick(TICKS[0]!);
    aggregator.updateTick(TICKS[1]!);
    aggregator.updateTick(TICKS[2]!);
    expect(emitted).toHaveLength(0);
    aggregator.updateTick(TICKS[3]!);
    expect(emitted).toEqual([minuteBar(at(9, 0), [100, 102, 99, 99, 4])]);
    for (const t of TICKS.slice(4)) aggregator.updateTick(t);
    aggregator.flush();
    expect(emitted).toEqual([
      minuteBar(at(9, 0), [100, 102, 99, 99, 4]),
      minuteBar(at(9, 1), [101, 103, 101, 103, 4]),
      minuteBar(at(9, 2), [103, 103, 103, 103, 0], true),
      minuteBar(at(9, 3), [104, 104, 104, 104, 2]),
      minuteBar(at(9, 4), [104, 104, 104, 104, 0], true),
      minuteBar(at(9, 5), [98, 98, 98, 98, 5]),
      ...[6, 7, 8, 9, 10, 11].map((minute) => minuteBar(at(9, minute), [98, 98, 98, 98, 0], true)),
      minuteBar(at(9, 12), [97, 97, 97, 97, 1]),
    ]);
  });

  it('builds 5-minute bars from the same ticks', () => {
    const { aggregator, emitted } = collect('5m');
    for (const t of TICKS) aggregator.updateTick(t);
    aggregator.flush();
    expect(emitted).toEqual([
      // 09:00 bucket: 100, 102, 99, 101, 103, 104; volume 1+2+1+3+1+2
      bar('5m', at(9, 0), 5 * MINUTE, [100, 104, 99, 104, 10]),
      bar('5m', at(9, 5), 5 * MINUTE, [98, 98, 98, 98, 5]),
      bar('5m', at(9, 10), 5 * MINUTE, [97, 97, 97, 97, 1]),
    ]);
  });

  it('adopts the symbol of the first input and rejects another symbol', () => {
    const { aggregator } = collect('1m');
    aggregator.updateTick(tick(at(9, 0), 1, 1, 'NQ'));
    expect(aggregator.symbol).toBe('NQ');
    expect(() => aggregator.updateTick(tick(at(9, 0, 1), 1, 1, 'CL'))).toThrow(/field "symbol": expected "NQ".*was "CL"/);
  });

  it('rejects a tick with a price that is not a number, naming the field', () => {
    const { aggregator } = collect('1m');
    const bad = { symbol: 'NQ', time: at(9, 0), price: Number.NaN, volume: 1 };
    expect(() => aggregator.updateTick(bad)).toThrow(/tick field "price": expected a finite number, was NaN/);
  });
});

describe('TimeBarAggregator from bars', () => {
  /** 1-minute bar i (0 = 09:00): open 100+i, high open+2, low open−1, close open+1, volume i+1. */
  function inputMinute(index: number, synthetic = false): Bar {
    const open = 100 + index;
    return { symbol: 'NQ', timeframe: '1m', start: at(9, 0) + index * MINUTE, end: at(9, 0) + (index + 1) * MINUTE, open, high: open + 2, low: open - 1, close: open + 1, volume: index + 1, synthetic };
  }

  it('emits the 5-minute bar as soon as the 1-minute bar that ends on its end arrives', () => {
    const { aggregator, emitted } = collect('5m');
    // Minutes 09:25 … 09:28 do not complete the 09:25–09:30 bucket
    for (let index = 25; index <= 28; index++) {
      aggregator.updateBar(inputMinute(index));
      expect(emitted).toHaveLength(0);
    }
    // The 09:29 bar ends at 09:30: the bucket is complete now, not when 09:30 arrives
    aggregator.updateBar(inputMinute(29));
    // open 125, high max(127…131) = 131, low min(124…128) = 124, close 130, volume 26+27+28+29+30 = 140
    expect(emitted).toEqual([bar('5m', at(9, 25), 5 * MINUTE, [125, 131, 124, 130, 140])]);
  });

  it('aggregates an hour of 1-minute bars into two 30-minute bars', () => {
    const { aggregator, emitted } = collect('30m');
    for (let index = 0; index < 60; index++) aggregator.updateBar(inputMinute(index));
    expect(emitted).toEqual([
      // open 100, high 129+2, low 100−1, close 129+1, volume 1+…+30 = 465
      bar('30m', at(9, 0), 30 * MINUTE, [100, 131, 99, 130, 465]),
      // open 130, high 159+2, low 130−1, close 159+1, volume 31+…+60 = 1365
      bar('30m', at(9, 30), 30 * MINUTE, [130, 161, 129, 160, 1365]),
    ]);
  });

  it('emits an incomplete bucket when a later bucket starts, and on flush', () => {
    const { aggregator, emitted } = collect('5m');
    aggregator.updateBar(inputMinute(0));
    aggregator.updateBar(inputMinute(1));
    aggregator.updateBar(inputMinute(6)); // opens 09:05; 09:00 bucket had only two minutes
    expect(emitted).toEqual([bar('5m', at(9, 0), 5 * MINUTE, [100, 103, 99, 102, 3])]);
    aggregator.flush();
    expect(emitted[1]).toEqual(bar('5m', at(9, 5), 5 * MINUTE, [106, 108, 105, 107, 7]));
  });

  it('passes a whole bar of its own timeframe through unchanged', () => {
    const { aggregator, emitted } = collect('5m');
    const input = bar('5m', at(9, 0), 5 * MINUTE, [1, 2, 0.5, 1.5, 10]);
    aggregator.updateBar(input);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toBe(input);
  });

  it('marks a bar synthetic only when all its inputs were synthetic', () => {
    const { aggregator, emitted } = collect('5m', { gapFill: false });
    for (let index = 0; index < 5; index++) aggregator.updateBar(inputMinute(index, true));
    for (let index = 5; index < 10; index++) aggregator.updateBar(inputMinute(index, index !== 7));
    expect(emitted.map((b) => b.synthetic)).toEqual([true, false]);
  });

  it('rejects an input bar that crosses a bar boundary', () => {
    const { aggregator } = collect('5m');
    const crossing: Bar = { ...inputMinute(3), end: at(9, 6) };
    expect(() => aggregator.updateBar(crossing)).toThrow(/crosses the bar boundary at 2024-01-02T09:05:00.000Z/);
  });

  it('rejects overlapping or out-of-order bars', () => {
    const { aggregator } = collect('5m');
    aggregator.updateBar(inputMinute(3));
    expect(thrownCode(() => aggregator.updateBar(inputMinute(2)))).toBe('GM_INPUT_INVALID');
  });
});

describe('TimeBarAggregator gap filling', () => {
  it('fills the empty buckets of a short gap with flat synthetic bars at the last close', () => {
    const { aggregator, emitted } = collect('5m');
    aggregator.updateTick(tick(at(10, 2), 50, 3));
    aggregator.updateTick(tick(at(10, 3), 51, 2));
    aggregator.updateTick(tick(at(10, 21), 55, 1)); // buckets 10:05, 10:10, 10:15 are empty
    expect(emitted).toEqual([
      bar('5m', at(10, 0), 5 * MINUTE, [50, 51, 50, 51, 5]),
      bar('5m', at(10, 5), 5 * MINUTE, [51, 51, 51, 51, 0], true),
      bar('5m', at(10, 10), 5 * MINUTE, [51, 51, 51, 51, 0], true),
      bar('5m', at(10, 15), 5 * MINUTE, [51, 51, 51, 51, 0], true),
    ]);
  });

  it('fills a gap of exactly maxGap but not a longer one', () => {
    // 1h bars, default maxGap 120 minutes: 10:00 → 12:00 is 120 minutes, 12:00 → 15:00 is 180
    const { aggregator, emitted } = collect('1h');
    aggregator.updateTick(tick(at(10, 30), 10, 1));
    aggregator.updateTick(tick(at(12, 30), 12, 1));
    aggregator.updateTick(tick(at(15, 30), 15, 1));
    aggregator.flush();
    expect(emitted).toEqual([
      bar('1h', at(10, 0), HOUR, [10, 10, 10, 10, 1]),
      bar('1h', at(11, 0), HOUR, [10, 10, 10, 10, 0], true),
      bar('1h', at(12, 0), HOUR, [12, 12, 12, 12, 1]),
      bar('1h', at(15, 0), HOUR, [15, 15, 15, 15, 1]),
    ]);
  });

  it('does not fill across a weekend', () => {
    const { aggregator, emitted } = collect('30m');
    const friday = Date.UTC(2024, 0, 5, 21, 45);
    const sunday = Date.UTC(2024, 0, 7, 23, 5);
    aggregator.updateTick(tick(friday, 16800, 4));
    aggregator.updateTick(tick(sunday, 16850, 7));
    aggregator.flush();
    expect(emitted).toEqual([
      bar('30m', Date.UTC(2024, 0, 5, 21, 30), 30 * MINUTE, [16800, 16800, 16800, 16800, 4]),
      bar('30m', Date.UTC(2024, 0, 7, 23, 0), 30 * MINUTE, [16850, 16850, 16850, 16850, 7]),
    ]);
  });

  it('honours a custom maxGap and gapFill: false', () => {
    const short = collect('5m', { maxGap: '15m' });
    const off = collect('5m', { gapFill: false });
    for (const { aggregator } of [short, off]) {
      aggregator.updateTick(tick(at(10, 0), 1, 1));
      aggregator.updateTick(tick(at(10, 15), 2, 1)); // 15 minutes from 10:00: filled under maxGap 15m
      aggregator.updateTick(tick(at(10, 35), 3, 1)); // 20 minutes from 10:15: not filled
      aggregator.flush();
    }
    expect(short.emitted.map((b) => [b.start, b.synthetic])).toEqual([
      [at(10, 0), false],
      [at(10, 5), true],
      [at(10, 10), true],
      [at(10, 15), false],
      [at(10, 35), false],
    ]);
    expect(off.emitted.map((b) => b.start)).toEqual([at(10, 0), at(10, 15), at(10, 35)]);
  });

  it('fills bars passed through from a bar stream too', () => {
    const { aggregator, emitted } = collect('5m');
    aggregator.updateBar(bar('5m', at(9, 0), 5 * MINUTE, [1, 2, 1, 2, 5]));
    aggregator.updateBar(bar('5m', at(9, 15), 5 * MINUTE, [3, 3, 3, 3, 5]));
    expect(emitted.map((b) => [b.start, b.close, b.synthetic])).toEqual([
      [at(9, 0), 2, false],
      [at(9, 5), 2, true],
      [at(9, 10), 2, true],
      [at(9, 15), 3, false],
    ]);
  });
});

describe('TimeBarAggregator timer close and late input', () => {
  it('closes a bar on advanceTo once its end is reached, and fills the gap only when input resumes', () => {
    const { aggregator, emitted } = collect('1m');
    aggregator.updateTick(tick(at(9, 0, 10), 100, 1));
    aggregator.advanceTo(at(9, 0, 59, 999));
    expect(emitted).toHaveLength(0);
    aggregator.advanceTo(at(9, 1));
    expect(emitted).toEqual([minuteBar(at(9, 0), [100, 100, 100, 100, 1])]);
    aggregator.advanceTo(at(9, 2, 30)); // no open bar: nothing to emit
    expect(emitted).toHaveLength(1);
    aggregator.updateTick(tick(at(9, 3, 0), 101, 2));
    expect(emitted.slice(1)).toEqual([
      minuteBar(at(9, 1), [100, 100, 100, 100, 0], true),
      minuteBar(at(9, 2), [100, 100, 100, 100, 0], true),
    ]);
  });

  it('throws for a tick that belongs to a bar already closed by the timer', () => {
    const { aggregator } = collect('1m');
    aggregator.updateTick(tick(at(9, 0, 10), 100, 1));
    aggregator.advanceTo(at(9, 1));
    expect(() => aggregator.updateTick(tick(at(9, 0, 50), 99, 1))).toThrow(/tick at 2024-01-02T09:00:50.000Z arrived after/);
  });

  it('drops and counts late ticks under lateInput: drop', () => {
    const { aggregator, emitted } = collect('1m', { lateInput: 'drop' });
    aggregator.updateTick(tick(at(9, 0, 10), 100, 1));
    aggregator.advanceTo(at(9, 1));
    aggregator.updateTick(tick(at(9, 0, 50), 90, 1));
    aggregator.updateTick(tick(at(9, 1, 5), 101, 1));
    aggregator.updateTick(tick(at(9, 1, 4), 80, 1)); // earlier than the previous tick
    aggregator.flush();
    expect(aggregator.droppedInputs).toBe(2);
    expect(emitted.map((b) => [b.start, b.low])).toEqual([
      [at(9, 0), 100],
      [at(9, 1), 101],
    ]);
  });

  it('starts over after reset', () => {
    const { aggregator, emitted } = collect('1m');
    aggregator.updateTick(tick(at(9, 5), 100, 1));
    aggregator.reset();
    aggregator.updateTick(tick(at(9, 0), 50, 1, 'CL'));
    aggregator.flush();
    expect(emitted).toEqual([{ ...minuteBar(at(9, 0), [50, 50, 50, 50, 1]), symbol: 'CL' }]);
  });
});

describe('TimeBarAggregator daily alignment', () => {
  it('stamps daily bars at UTC midnight by default', () => {
    const { aggregator, emitted } = collect('1d');
    aggregator.updateTick(tick(Date.UTC(2024, 0, 8, 21, 59), 10, 1));
    aggregator.updateTick(tick(Date.UTC(2024, 0, 8, 22, 0), 11, 1));
    aggregator.flush();
    expect(emitted).toEqual([bar('1d', Date.UTC(2024, 0, 8), 24 * HOUR, [10, 11, 10, 11, 2])]);
  });

  it('starts daily bars at the session hour given as alignmentOffset', () => {
    const { aggregator, emitted } = collect('1d', { alignmentOffset: '22h' });
    aggregator.updateTick(tick(Date.UTC(2024, 0, 8, 21, 59), 10, 1));
    aggregator.updateTick(tick(Date.UTC(2024, 0, 8, 22, 0), 11, 1));
    aggregator.flush();
    expect(emitted).toEqual([
      bar('1d', Date.UTC(2024, 0, 7, 22), 24 * HOUR, [10, 10, 10, 10, 1]),
      bar('1d', Date.UTC(2024, 0, 8, 22), 24 * HOUR, [11, 11, 11, 11, 1]),
    ]);
  });
});

describe('TimeBarAggregator configuration errors', () => {
  it('rejects bad timeframes and options with GM_CONFIG_INVALID', () => {
    const onBar = (): void => undefined;
    const cases: (() => unknown)[] = [
      () => new TimeBarAggregator('5x', { onBar }),
      () => new TimeBarAggregator('0m', { onBar }),
      () => new TimeBarAggregator('volume:10', { onBar }),
      () => new TimeBarAggregator('5m', { onBar, maxGap: 0 }),
      () => new TimeBarAggregator('5m', { onBar, maxGap: 'soon' }),
      () => new TimeBarAggregator('5m', { onBar: undefined as unknown as () => void }),
      () => new TimeBarAggregator('5m', { onBar, lateInput: 'ignore' as 'drop' }),
    ];
    for (const make of cases) expect(thrownCode(make)).toBe('GM_CONFIG_INVALID');
  });
});
