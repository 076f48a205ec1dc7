import { describe, expect, it } from 'vitest';
import { GridVolumeProfile, nearestInteger } from './grid-volume-profile.js';

// Three bars on a 1-point grid: [10,12] × 30, [11,11] × 50, [12,14] × 15
const LOWS = Float64Array.from([10, 11, 12]);
const HIGHS = Float64Array.from([12, 11, 14]);
const VOLUMES = Float64Array.from([30, 50, 15]);
// Levels 10..14 receive 10, 10+50, 10+5, 5, 5; POC 60, LVN below 60 × 0.3 = 18: levels 10, 12, 13, 14

describe('GridVolumeProfile', () => {
  it('spreads volume evenly over grid levels and finds the nearest LVN, lower price first on a tie', () => {
    const profile = new GridVolumeProfile();
    profile.build(LOWS, HIGHS, VOLUMES, 2, 3, 11, 1, 0.7);
    expect(profile.low).toBe(10);
    expect(profile.pocVolume).toBe(60);
    // Close 11 sits on the POC level; 10 and 12 are both one level away and the lower wins
    expect([profile.nearestLevel, profile.nearestPrice, profile.nearestVolume]).toEqual([0, 10, 10]);
    profile.build(LOWS, HIGHS, VOLUMES, 2, 3, 12, 1, 0.7);
    expect([profile.nearestPrice, profile.nearestVolume]).toEqual([12, 15]);
  });

  it('reads the window out of a ring and ignores bars outside it', () => {
    const profile = new GridVolumeProfile();
    // Ring slots hold bars 3, 1, 2 (newest in slot 0); a window of 2 keeps bars 2 and 3
    const lows = Float64Array.from([13, 0, 12]);
    const highs = Float64Array.from([13, 100, 14]);
    const volumes = Float64Array.from([40, 1e9, 15]);
    profile.build(lows, highs, volumes, 0, 2, 14, 1, 0.7);
    // Levels 12, 13, 14: 5, 45, 5; POC 45
    expect([profile.low, profile.pocVolume, profile.nearestPrice, profile.nearestVolume]).toEqual([12, 45, 14, 5]);
  });

  it('reports no LVN when every level is busy', () => {
    const profile = new GridVolumeProfile();
    profile.build(Float64Array.from([10]), Float64Array.from([11]), Float64Array.from([8]), 0, 1, 10, 1, 0.7);
    expect(profile.nearestLevel).toBe(-1);
    expect(Number.isNaN(profile.nearestPrice)).toBe(true);
  });

  it('rejects a range that a wrong tick size or a bad price blows up', () => {
    const profile = new GridVolumeProfile();
    const build = (high: number, tick: number) => () =>
      profile.build(Float64Array.from([10]), Float64Array.from([high]), Float64Array.from([1]), 0, 1, 10, tick, 0.7);
    expect(build(20, 1e-9)).toThrow(/tickSize 1e-9 span 10000000001 grid levels/);
    expect(build(Number.NaN, 1)).toThrow(/expected finite prices/);
  });

  it('rounds near-integers half up', () => {
    expect([nearestInteger(2.9999999), nearestInteger(3.0000001), nearestInteger(2.5)]).toEqual([3, 3, 3]);
  });
});
