import { describe, expect, it } from 'vitest';
import type { Bar } from '../model/bar.js';
import { firstTouch, NO_TOUCH, pathPoint, priceAtPosition } from './bar-path.js';

function bar(open: number, high: number, low: number, close: number): Bar {
  return { symbol: 'X', timeframe: '1m', start: 0, end: 60_000, open, high, low, close, volume: 1, synthetic: false };
}

describe('bar path', () => {
  const up = bar(100, 110, 90, 105); // 100 → 90 → 110 → 105
  const down = bar(100, 110, 90, 95); // 100 → 110 → 90 → 95
  const flat = bar(100, 110, 90, 100); // doji counts as "not up": 100 → 110 → 90 → 100

  it('orders the extremes by the bar\'s direction', () => {
    expect([0, 1, 2, 3].map((point) => pathPoint(up, point))).toEqual([100, 90, 110, 105]);
    expect([0, 1, 2, 3].map((point) => pathPoint(down, point))).toEqual([100, 110, 90, 95]);
    expect([0, 1, 2, 3].map((point) => pathPoint(flat, point))).toEqual([100, 110, 90, 100]);
  });

  it('interpolates prices between path points', () => {
    expect(priceAtPosition(up, 0.5)).toBe(95); // halfway 100 → 90
    expect(priceAtPosition(up, 1.25)).toBe(95); // a quarter of 90 → 110
    expect(priceAtPosition(up, 3)).toBe(105);
  });

  it('finds the first touch of a level in either direction', () => {
    // 95 is first reached going down from 100 to 90: half of segment 0
    expect(firstTouch(up, 95, false)).toBe(0.5);
    // 108 is reached going up from 90 to 110: segment 1 at (108 − 90) / 20 = 0.9
    expect(firstTouch(up, 108, true)).toBeCloseTo(1.9, 12);
    // In the down bar, 108 comes first on the way up from the open: 8 / 10 = 0.8
    expect(firstTouch(down, 108, true)).toBeCloseTo(0.8, 12);
    expect(firstTouch(up, 111, true)).toBe(NO_TOUCH);
    expect(firstTouch(up, 89, false)).toBe(NO_TOUCH);
  });

  it('returns the start position when the level is already reached there (a gap at the open)', () => {
    expect(firstTouch(up, 99, true)).toBe(0);
    expect(firstTouch(up, 101, false)).toBe(0);
    // From the low (position 1) onward, a level of 95 is already reached
    expect(firstTouch(up, 95, false, 1)).toBe(1);
    // From position 2 (the high) the rest of the path only falls to 105: 104 is never reached
    expect(firstTouch(up, 104, false, 2)).toBe(NO_TOUCH);
  });
});
