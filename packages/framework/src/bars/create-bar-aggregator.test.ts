import { describe, expect, it } from 'vitest';
import { SdkError } from '../errors/sdk-error.js';
import type { Bar } from '../model/bar.js';
import { parseBarSpec } from './bar-spec.js';
import { createBarAggregator } from './create-bar-aggregator.js';
import { RangeBarAggregator } from './range-bar-aggregator.js';
import { TickBarAggregator } from './tick-bar-aggregator.js';
import { TimeBarAggregator } from './time-bar-aggregator.js';
import { VolumeBarAggregator } from './volume-bar-aggregator.js';

describe('parseBarSpec', () => {
  it('reads time and activity timeframes', () => {
    expect(parseBarSpec('5m')).toEqual({ kind: 'time', timeframe: '5m', lengthMs: 300_000 });
    expect(parseBarSpec('1d')).toEqual({ kind: 'time', timeframe: '1d', lengthMs: 86_400_000 });
    expect(parseBarSpec('volume:5000')).toEqual({ kind: 'volume', timeframe: 'volume:5000', threshold: 5000 });
    expect(parseBarSpec('tick:100')).toEqual({ kind: 'tick', timeframe: 'tick:100', count: 100 });
    expect(parseBarSpec('range:2.50')).toEqual({ kind: 'range', timeframe: 'range:2.5', range: 2.5 });
  });

  it('rejects anything else with GM_CONFIG_INVALID and says what it received', () => {
    for (const text of ['5', '5 m', 'volume:', 'volume:0', 'tick:2.5', 'range:-1', 'renko:10', '']) {
      let caught: unknown;
      try {
        parseBarSpec(text);
      } catch (error) {
        caught = error;
      }
      expect(SdkError.is(caught) && caught.code, text).toBe('GM_CONFIG_INVALID');
      expect((caught as Error).message).toContain(`was ${JSON.stringify(text)}`);
    }
  });
});

describe('createBarAggregator', () => {
  it('returns the aggregator that fits the timeframe', () => {
    const onBar = (): void => undefined;
    expect(createBarAggregator('5m', { onBar })).toBeInstanceOf(TimeBarAggregator);
    expect(createBarAggregator('volume:5000', { onBar })).toBeInstanceOf(VolumeBarAggregator);
    expect(createBarAggregator('tick:100', { onBar })).toBeInstanceOf(TickBarAggregator);
    expect(createBarAggregator('range:10', { onBar })).toBeInstanceOf(RangeBarAggregator);
  });

  it('passes options through: gap filling off and a daily session offset', () => {
    const emitted: Bar[] = [];
    const daily = createBarAggregator('1d', { onBar: (bar) => emitted.push(bar), alignmentOffset: '22h', gapFill: false, symbol: 'ES' });
    daily.updateTick({ symbol: 'ES', time: Date.UTC(2024, 0, 2, 23), price: 4700, volume: 1 });
    daily.updateTick({ symbol: 'ES', time: Date.UTC(2024, 0, 4, 23), price: 4710, volume: 1 }); // 2 days later: no fill
    daily.flush();
    expect(emitted.map((bar) => [bar.start, bar.end, bar.synthetic])).toEqual([
      [Date.UTC(2024, 0, 2, 22), Date.UTC(2024, 0, 3, 22), false],
      [Date.UTC(2024, 0, 4, 22), Date.UTC(2024, 0, 5, 22), false],
    ]);
    expect(() => daily.updateTick({ symbol: 'NQ', time: Date.UTC(2024, 0, 5, 23), price: 1, volume: 1 })).toThrow(/expected "ES"/);
  });

  it('stamps activity bars with their canonical timeframe', () => {
    const emitted: Bar[] = [];
    const ticks = createBarAggregator('tick:1', { onBar: (bar) => emitted.push(bar) });
    ticks.updateTick({ symbol: 'NQ', time: 1, price: 5, volume: 2 });
    expect(emitted).toEqual([{ symbol: 'NQ', timeframe: 'tick:1', start: 1, end: 1, open: 5, high: 5, low: 5, close: 5, volume: 2, synthetic: false }]);
  });
});
