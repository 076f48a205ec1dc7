import { describe, expect, it } from 'vitest';
import type { Bar } from '../model/bar.js';
import { SeededRandom } from '../random/seeded-random.js';
import { MultiTimeframeAggregator, type MultiTimeframeOptions } from './multi-timeframe-aggregator.js';

const MINUTE = 60_000;

/** 2024-01-02 at hh:mm UTC. */
function at(hour: number, minute: number, second = 0): number {
  return Date.UTC(2024, 0, 2, hour, minute, second);
}

/** 1-minute bar i (0 = 09:00): open 100+i, high open+2, low open−1, close open+1, volume i+1. */
function inputMinute(index: number): Bar {
  const open = 100 + index;
  const start = at(9, 0) + index * MINUTE;
  return { symbol: 'NQ', timeframe: '1m', start, end: start + MINUTE, open, high: open + 2, low: open - 1, close: open + 1, volume: index + 1, synthetic: false };
}

function collect(options: Omit<MultiTimeframeOptions, 'onBar'>) {
  const emitted: Bar[] = [];
  const aggregator = new MultiTimeframeAggregator({ ...options, onBar: (b) => emitted.push(b) });
  return { aggregator, emitted };
}

const label = (b: Bar): string => `${b.timeframe}@${new Date(b.start).toISOString().slice(11, 16)}${b.synthetic ? '*' : ''}`;

/** Returns the code of the SDK error `action` throws. */
function thrownCode(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'nothing thrown';
}

describe('MultiTimeframeAggregator', () => {
  it('emits the smaller timeframe first at a shared boundary, and the larger bar right after the bar that closes it', () => {
    const { aggregator, emitted } = collect({ base: '1m', timeframes: ['30m', '5m'] });
    expect(aggregator.timeframes).toEqual(['5m', '30m']);
    for (let index = 0; index < 60; index++) aggregator.updateBar(inputMinute(index));
    expect(emitted.map(label)).toEqual([
      '5m@09:00', '5m@09:05', '5m@09:10', '5m@09:15', '5m@09:20', '5m@09:25', '30m@09:00',
      '5m@09:30', '5m@09:35', '5m@09:40', '5m@09:45', '5m@09:50', '5m@09:55', '30m@09:30',
    ]);
    // Same values as a 30-minute bar built directly from the minutes: see the formula of inputMinute
    expect(emitted[6]).toMatchObject({ start: at(9, 0), end: at(9, 30), open: 100, high: 131, low: 99, close: 130, volume: 465 });
    expect(emitted[13]).toMatchObject({ start: at(9, 30), end: at(10, 0), open: 130, high: 161, low: 129, close: 160, volume: 1365 });
    // 5m 09:25 holds minutes 25…29: open 125, high 131, low 124, close 130, volume 26+…+30
    expect(emitted[5]).toMatchObject({ open: 125, high: 131, low: 124, close: 130, volume: 140 });
  });

  it('never shows a 30m bar before it has closed (no look-ahead), over a random tick stream with gaps', () => {
    const random = new SeededRandom(20240102);
    const all: Bar[] = [];
    let latest30: Bar | undefined;
    let checked = 0;
    let violations = 0;
    const seenAtFive: { bar: Bar; latest30: Bar | undefined }[] = [];
    const aggregator = new MultiTimeframeAggregator({
      base: 'ticks',
      timeframes: ['5m', '30m'],
      onBar: (bar) => {
        all.push(bar);
        if (bar.timeframe === '30m') {
          latest30 = bar;
          return;
        }
        // What a 5m consumer may use at this bar's close: only 30m bars that ended by then
        if (latest30 !== undefined && latest30.end > bar.end) violations += 1;
        if (latest30 !== undefined) checked += 1;
        seenAtFive.push({ bar, latest30 });
      },
    });
    let time = at(8, 0);
    let price = 16_000;
    while (time < at(20, 0)) {
      aggregator.updateTick({ symbol: 'NQ', time, price, volume: 1 + random.int(5) });
      price += random.int(9) - 4;
      // Mostly seconds apart, now and then a quiet spell of up to 3 hours (filled up to 120 minutes)
      time += random.next() < 0.01 ? random.int(180) * MINUTE : 1000 + random.int(20_000);
      if (random.next() < 0.01) aggregator.advanceTo(time);
    }
    aggregator.flush();
    expect(checked).toBeGreaterThan(100);
    expect(violations).toBe(0);

    // Bars interleave in time, smaller first: 5m bars before a 30m bar end by its end, those after start after it
    let thirties = 0;
    all.forEach((bar, index) => {
      if (bar.timeframe !== '30m') return;
      thirties += 1;
      const fivesBefore = all.slice(0, index).filter((other) => other.timeframe === '5m');
      const fivesAfter = all.slice(index + 1).filter((other) => other.timeframe === '5m');
      expect(fivesBefore.every((five) => five.end <= bar.end)).toBe(true);
      expect(fivesAfter.every((five) => five.start >= bar.end)).toBe(true);
    });
    expect(thirties).toBeGreaterThan(10);
    expect(all.some((bar) => bar.synthetic)).toBe(true);

    // And it is the freshest one allowed: the 30m bar with the latest end at or before the 5m bar's start
    const thirtyBars = all.filter((bar) => bar.timeframe === '30m');
    for (const { bar, latest30: seen } of seenAtFive) {
      const allowed = thirtyBars.filter((thirty) => thirty.end <= bar.start);
      expect(seen).toBe(allowed.at(-1));
    }
    // And nothing is emitted out of time order within a timeframe
    for (const timeframe of ['5m', '30m']) {
      const starts = all.filter((bar) => bar.timeframe === timeframe).map((bar) => bar.start);
      expect(starts).toEqual([...starts].sort((left, right) => left - right));
      expect(new Set(starts).size).toBe(starts.length);
    }
  });

  it('closes a larger bar when input for a later bucket arrives, even if its data stopped early', () => {
    const { aggregator, emitted } = collect({ base: 'ticks', timeframes: ['5m', '30m'] });
    aggregator.updateTick({ symbol: 'NQ', time: at(9, 31), price: 10, volume: 1 });
    aggregator.updateTick({ symbol: 'NQ', time: at(9, 42), price: 11, volume: 1 }); // last tick of the 09:30 bucket
    aggregator.updateTick({ symbol: 'NQ', time: at(12, 3), price: 12, volume: 1 }); // after a gap longer than maxGap
    expect(emitted.map(label)).toEqual(['5m@09:30', '5m@09:35*', '5m@09:40', '30m@09:30']);
    expect(emitted[3]).toMatchObject({ open: 10, high: 11, low: 10, close: 11, volume: 2 });
  });

  it('passes base bars through for a timeframe equal to the base', () => {
    const { aggregator, emitted } = collect({ base: '5m', timeframes: ['5m', '30m'] });
    const inputs: Bar[] = [];
    for (let index = 0; index < 6; index++) {
      const start = at(9, 0) + index * 5 * MINUTE;
      inputs.push({ symbol: 'NQ', timeframe: '5m', start, end: start + 5 * MINUTE, open: index, high: index + 1, low: index - 1, close: index, volume: 10, synthetic: false });
    }
    for (const input of inputs) aggregator.updateBar(input);
    expect(emitted.slice(0, 6).every((b, index) => b === inputs[index])).toBe(true);
    expect(emitted[6]).toMatchObject({ timeframe: '30m', start: at(9, 0), open: 0, high: 6, low: -1, close: 5, volume: 60 });
  });

  it('fills gaps on the smallest timeframe and lets the larger ones inherit the synthetic bars', () => {
    const { aggregator, emitted } = collect({ base: 'ticks', timeframes: ['15m', '30m'] });
    aggregator.updateTick({ symbol: 'NQ', time: at(9, 10), price: 10, volume: 1 });
    aggregator.updateTick({ symbol: 'NQ', time: at(10, 5), price: 12, volume: 1 }); // 15m buckets 09:15 … 09:45 empty
    aggregator.flush();
    expect(emitted.map(label)).toEqual([
      '15m@09:00', '15m@09:15*', '30m@09:00', '15m@09:30*', '15m@09:45*', '30m@09:30*', '15m@10:00', '30m@10:00',
    ]);
  });

  it('closes bars on advanceTo smallest first, and ignores gap fills for a bucket the timer already closed', () => {
    const { aggregator, emitted } = collect({ base: 'ticks', timeframes: ['1m', '5m'] });
    aggregator.updateTick({ symbol: 'NQ', time: at(9, 1, 20), price: 10, volume: 2 });
    aggregator.advanceTo(at(9, 5));
    expect(emitted.map(label)).toEqual(['1m@09:01', '5m@09:00']);
    // Input resumes at 09:06:30: the 1m stream fills 09:02 … 09:05; the closed 5m 09:00 bar is not reopened
    aggregator.updateTick({ symbol: 'NQ', time: at(9, 6, 30), price: 11, volume: 3 });
    aggregator.flush();
    expect(emitted.map(label)).toEqual(['1m@09:01', '5m@09:00', '1m@09:02*', '1m@09:03*', '1m@09:04*', '1m@09:05*', '1m@09:06', '5m@09:05']);
    expect(emitted[1]).toMatchObject({ open: 10, close: 10, volume: 2, synthetic: false });
    expect(emitted[7]).toMatchObject({ open: 10, high: 11, low: 10, close: 11, volume: 3, synthetic: false });
  });

  it('rejects timeframes that do not divide each other, or are smaller than the base', () => {
    const onBar = (): void => undefined;
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '1m', timeframes: ['30m', '45m'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: 'ticks', timeframes: ['10m', '15m'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '5m', timeframes: ['1m', '30m'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '2m', timeframes: ['5m'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '1m', timeframes: ['60m', '1h'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '1m', timeframes: ['5m', 'volume:100'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: '1m', timeframes: [], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(thrownCode(() => new MultiTimeframeAggregator({ base: 'quotes', timeframes: ['5m'], onBar }))).toBe('GM_CONFIG_INVALID');
    expect(() => new MultiTimeframeAggregator({ base: '5m', timeframes: ['1m'], onBar })).toThrow(/"1m" is smaller than the base 5m/);
    expect(() => new MultiTimeframeAggregator({ base: '1m', timeframes: ['30m', '45m'], onBar })).toThrow(/"45m" is not a whole multiple of "30m"/);
  });

  it('rejects input that does not match the base', () => {
    const bars = new MultiTimeframeAggregator({ base: '1m', timeframes: ['5m'], onBar: () => undefined });
    expect(thrownCode(() => bars.updateTick({ symbol: 'NQ', time: at(9, 0), price: 1, volume: 1 }))).toBe('GM_INPUT_INVALID');
    expect(thrownCode(() => bars.updateBar({ ...inputMinute(0), end: at(9, 2) }))).toBe('GM_INPUT_INVALID');
    const ticks = new MultiTimeframeAggregator({ base: 'ticks', timeframes: ['5m'], onBar: () => undefined });
    expect(thrownCode(() => ticks.updateBar(inputMinute(0)))).toBe('GM_INPUT_INVALID');
  });
});
