import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../model/bar.js';
import { MultiTimeframeAggregator } from './multi-timeframe-aggregator.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FILE = resolve(REPO_ROOT, '../shared/data/nq-30m.csv');
const HOUR = 3_600_000;

/** Reads the NQ 30-minute file line by line; its wall-clock times are taken as UTC. */
function readBars(): Bar[] {
  const lines = readFileSync(FILE, 'utf8').split('\n');
  expect(lines[0]).toBe('timestamp,open,high,low,close,volume');
  const bars: Bar[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [timestamp, open, high, low, close, volume] = line.split(',');
    const start = Date.parse(`${timestamp}Z`);
    bars.push({ symbol: 'NQ', timeframe: '30m', start, end: start + HOUR / 2, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume), synthetic: false });
  }
  return bars;
}

/** Groups bars by bucket with a plain map: the batch counterpart of the streaming aggregator. */
function groupBy(bars: readonly Bar[], lengthMs: number): Map<number, { open: number; high: number; low: number; close: number; volume: number }> {
  const groups = new Map<number, { open: number; high: number; low: number; close: number; volume: number }>();
  for (const bar of bars) {
    const key = Math.floor(bar.start / lengthMs) * lengthMs;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });
    } else {
      group.high = Math.max(group.high, bar.high);
      group.low = Math.min(group.low, bar.low);
      group.close = bar.close;
      group.volume += bar.volume;
    }
  }
  return groups;
}

describe.skipIf(!existsSync(FILE))('NQ 30-minute bars → 1h and 4h (skipped: ../shared/data/nq-30m.csv not found)', () => {
  it('matches a batch group-by without gap filling', () => {
    const bars = readBars();
    expect(bars).toHaveLength(56_083);
    const emitted: Bar[] = [];
    const aggregator = new MultiTimeframeAggregator({ base: '30m', timeframes: ['1h', '4h'], gapFill: false, onBar: (bar) => emitted.push(bar) });
    for (const bar of bars) aggregator.updateBar(bar);
    aggregator.flush();
    for (const [timeframe, lengthMs] of [['1h', HOUR], ['4h', 4 * HOUR]] as const) {
      const expected = groupBy(bars, lengthMs);
      const produced = emitted.filter((bar) => bar.timeframe === timeframe);
      expect(produced).toHaveLength(expected.size);
      for (const bar of produced) {
        const group = expected.get(bar.start);
        expect(group, `${timeframe} bar at ${new Date(bar.start).toISOString()}`).toBeDefined();
        expect({ open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume }).toEqual(group);
      }
    }
  });

  it('adds one synthetic 1h bar per empty hour in gaps up to 120 minutes, and none to 4h bars', () => {
    const bars = readBars();
    const emitted: Bar[] = [];
    const aggregator = new MultiTimeframeAggregator({ base: '30m', timeframes: ['1h', '4h'], onBar: (bar) => emitted.push(bar) });
    for (const bar of bars) aggregator.updateBar(bar);
    aggregator.flush();
    // Count the empty hours between consecutive occupied hours that are at most 120 minutes apart
    const hours = [...groupBy(bars, HOUR).keys()];
    let expectedFills = 0;
    for (let index = 1; index < hours.length; index++) {
      const distance = hours[index]! - hours[index - 1]!;
      if (distance <= 2 * HOUR) expectedFills += distance / HOUR - 1;
    }
    expect(expectedFills).toBeGreaterThan(0);
    const hourly = emitted.filter((bar) => bar.timeframe === '1h');
    expect(hourly.filter((bar) => bar.synthetic)).toHaveLength(expectedFills);
    expect(hourly).toHaveLength(hours.length + expectedFills);
    // A fill never covers a whole 4h bucket, so the 4h bars are the same as without filling
    const fourHourly = emitted.filter((bar) => bar.timeframe === '4h');
    expect(fourHourly).toHaveLength(groupBy(bars, 4 * HOUR).size);
    expect(fourHourly.some((bar) => bar.synthetic)).toBe(false);
  });
});
