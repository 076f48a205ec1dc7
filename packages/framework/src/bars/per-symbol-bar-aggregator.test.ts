import { describe, expect, it } from 'vitest';
import type { Bar, Tick } from '../model/bar.js';
import { createBarAggregator } from './create-bar-aggregator.js';
import { PerSymbolBarAggregator } from './per-symbol-bar-aggregator.js';

const T0 = Date.UTC(2024, 0, 2, 9, 0);

function tick(symbol: string, second: number, price: number): Tick {
  return { symbol, time: T0 + second * 1000, price, volume: 1 };
}

describe('PerSymbolBarAggregator', () => {
  it('keeps one aggregator per symbol and flushes them in first-seen order', () => {
    const emitted: Bar[] = [];
    const created: string[] = [];
    const aggregator = new PerSymbolBarAggregator((symbol) => {
      created.push(symbol);
      return createBarAggregator('1m', { symbol, onBar: (bar) => emitted.push(bar) });
    });
    aggregator.updateTick(tick('NQ', 1, 100));
    aggregator.updateTick(tick('CL', 2, 70));
    aggregator.updateTick(tick('NQ', 3, 105));
    aggregator.updateTick(tick('CL', 4, 69));
    aggregator.updateTick(tick('NQ', 61, 101)); // closes the NQ minute only
    expect(created).toEqual(['NQ', 'CL']);
    expect(aggregator.symbols).toEqual(['NQ', 'CL']);
    expect(emitted.map((bar) => [bar.symbol, bar.open, bar.high, bar.low, bar.close, bar.volume])).toEqual([['NQ', 100, 105, 100, 105, 2]]);
    aggregator.flush();
    expect(emitted.slice(1).map((bar) => [bar.symbol, bar.start, bar.open, bar.high, bar.low, bar.close])).toEqual([
      ['NQ', T0 + 60_000, 101, 101, 101, 101],
      ['CL', T0, 70, 70, 69, 69],
    ]);
  });

  it('closes every symbol on advanceTo and starts over after reset', () => {
    const emitted: Bar[] = [];
    const aggregator = new PerSymbolBarAggregator((symbol) => createBarAggregator('1m', { symbol, onBar: (bar) => emitted.push(bar) }));
    aggregator.updateTick(tick('NQ', 1, 100));
    aggregator.updateTick(tick('CL', 2, 70));
    aggregator.advanceTo(T0 + 60_000);
    expect(emitted.map((bar) => bar.symbol)).toEqual(['NQ', 'CL']);
    aggregator.reset();
    expect(aggregator.symbols).toEqual([]);
    expect(aggregator.get('NQ')).toBeUndefined();
  });

  it('rejects an input without a symbol', () => {
    const aggregator = new PerSymbolBarAggregator((symbol) => createBarAggregator('1m', { symbol, onBar: () => undefined }));
    expect(() => aggregator.updateTick(tick('', 1, 1))).toThrow(/field "symbol": expected a non-empty string, was ""/);
  });
});
