import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { LowVolumeNode } from './low-volume-node.js';

const bar = (index: number, low: number, high: number, close: number, volume: number): BarInput => ({
  start: Date.UTC(2024, 0, 2) + index * 1_800_000,
  open: close,
  high,
  low,
  close,
  volume,
});

describe('LowVolumeNode', () => {
  it('reports the nearest LVN and its strength on a hand-built profile', () => {
    const lvn = new LowVolumeNode({ tickSize: 1, windowBars: 3, minBars: 3 });
    lvn.update(bar(0, 10, 12, 11, 30));
    lvn.update(bar(1, 11, 11, 11, 50));
    expect([...lvn.values].every(Number.isNaN)).toBe(true);
    expect(lvn.isReady).toBe(false);
    // Levels 10..14: 10, 60, 20, 10, 10 → LVNs (below 18) 10, 13, 14; the close 13 sits on one, a test
    lvn.update(bar(2, 12, 14, 13, 30));
    const values = Object.fromEntries(lvn.outputs.map((name, index) => [name, lvn.latestValues[index]]));
    expect(values).toEqual({
      lvn_nearest_price: 13,
      lvn_distance_points: 0,
      lvn_poc_volume: 60,
      lvn_level_volume: 10,
      lvn_base_strength: 1 - 10 / 60,
      lvn_n_tests: 1,
      lvn_n_rejections: 0,
      lvn_recency: 1,
      lvn_nearest_strength: (1 - 10 / 60) * 0.4 + 0.1 * 0.3 + 0 + 1 * 0.1,
    });
    expect(lvn.isReady).toBe(true);
  });

  it('slides its window: the oldest bar leaves the profile', () => {
    const lvn = new LowVolumeNode({ tickSize: 1, windowBars: 2, minBars: 2 });
    lvn.update(bar(0, 0, 100, 50, 1e6));
    lvn.update(bar(1, 10, 12, 12, 30));
    expect(lvn.latestValues[2]).toBeCloseTo(1e6 / 101 + 10, 9);
    lvn.update(bar(2, 11, 11, 11, 50));
    // Window is bars 1 and 2 only: levels 10, 11, 12 hold 10, 60, 10
    expect([lvn.latestValues[0], lvn.latestValues[2], lvn.latestValues[3]]).toEqual([10, 60, 10]);
  });

  it('rejects minBars above windowBars', () => {
    expect(() => new LowVolumeNode({ windowBars: 10, minBars: 20 })).toThrow(/lvn\.options\.minBars/);
  });
});
