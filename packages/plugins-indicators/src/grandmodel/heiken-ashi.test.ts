import { describe, expect, it } from 'vitest';
import { HeikenAshi } from './heiken-ashi.js';

const bar = (open: number, high: number, low: number, close: number) => ({ start: 0, open, high, low, close, volume: 1 });

describe('HeikenAshi', () => {
  it('converts two bars as computed by hand', () => {
    const indicator = new HeikenAshi();
    indicator.update(bar(10, 14, 8, 12));
    // close (10+14+8+12)/4 = 11, open (10+12)/2 = 11, high max(14,11,11), low min(8,11,11)
    expect([...indicator.values]).toEqual([11, 14, 8, 11]);
    indicator.update(bar(12, 16, 11.5, 15));
    // close 54.5/4 = 13.625, open (11+11)/2 = 11, low comes from the HA open
    expect([...indicator.values]).toEqual([11, 16, 11, 13.625]);
    expect(indicator.outputs).toEqual(['ha_open', 'ha_high', 'ha_low', 'ha_close']);
  });

  it('is ready after one bar and returns to its initial state on reset', () => {
    const indicator = new HeikenAshi({ timeframe: '30m', symbol: 'NQ' });
    expect(indicator.isReady).toBe(false);
    expect(Number.isNaN(indicator.latestValues[0])).toBe(true);
    indicator.update(bar(10, 14, 8, 12));
    indicator.update(bar(12, 16, 11.5, 15));
    expect(indicator.isReady).toBe(true);
    indicator.reset();
    expect(indicator.samples).toBe(0);
    expect(Number.isNaN(indicator.latestValues[3])).toBe(true);
    indicator.update(bar(12, 16, 11.5, 15));
    // The open is seeded again from this bar: (12 + 15)/2
    expect(indicator.latestValues[0]).toBe(13.5);
    expect(indicator.timeframe).toBe('30m');
    expect(indicator.symbol).toBe('NQ');
  });
});
