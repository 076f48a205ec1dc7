import { describe, expect, it } from 'vitest';
import { GrandModelAverageTrueRange } from './grandmodel-average-true-range.js';

const BARS = [
  { high: 10, low: 8, close: 9 },
  { high: 11, low: 9, close: 10.5 }, // TR max(2, 2, 0) = 2
  { high: 13, low: 10.5, close: 11 }, // TR max(2.5, 2.5, 0) = 2.5
  { high: 11.5, low: 8, close: 9 }, // TR max(3.5, 0.5, 3) = 3.5
].map((bar) => ({ ...bar, start: 0, open: bar.close, volume: 1 }));

describe('GrandModelAverageTrueRange', () => {
  it('averages at least two true ranges and seeds the EWMA on the first averaged bar', () => {
    const atr = new GrandModelAverageTrueRange();
    const rows = BARS.map((bar) => {
      atr.update(bar);
      return [...atr.latestValues];
    });
    expect(rows[0]!.every(Number.isNaN)).toBe(true);
    expect(rows[1]![0]).toBe(2);
    expect(Number.isNaN(rows[1]![1])).toBe(true);
    // `values` stays empty until every output has a value
    const fresh = new GrandModelAverageTrueRange();
    fresh.update(BARS[0]!);
    fresh.update(BARS[1]!);
    expect([...fresh.values].every(Number.isNaN)).toBe(true);
    expect(rows[2]).toEqual([2.5, 2.25, 2.5]);
    expect(rows[3]![1]).toBeCloseTo(8 / 3, 15);
    expect(rows[3]![2]).toBeCloseTo((2 / 15) * 3.5 + (13 / 15) * 2.5, 15);
    expect(atr.isReady).toBe(true);
  });

  it('keeps only the last `period` true ranges', () => {
    const atr = new GrandModelAverageTrueRange({ period: 2, ewmaAlpha: 0.5 });
    for (const bar of BARS) atr.update(bar);
    expect([...atr.values]).toEqual([3.5, 3, 0.5 * 3.5 + 0.5 * 2.5]);
  });
});
