import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { FairValueGap } from './fair-value-gap.js';

const bar = (open: number, high: number, low: number, close: number, volume = 100): BarInput => ({ start: 0, open, high, low, close, volume });
// Mirror image of a bar around 15: turns a bullish pattern into a bearish one
const mirror = (source: BarInput): BarInput => bar(30 - source.open, 30 - source.low, 30 - source.high, 30 - source.close, source.volume);

// Bars 0–2 form a bullish gap [11, 12]; bar 3 penetrates it halfway; bar 4 closes below 11 and mitigates it
const PATTERN: BarInput[] = [
  bar(10, 11, 9, 10.5),
  bar(10.5, 14, 10.4, 13.9), // body 3.4 > 1.5 × mean body 0.5
  bar(13.9, 15, 12, 14.5), // low 12 > high 11 two bars back
  bar(11.6, 14.6, 11.4, 11.5),
  bar(11.5, 11.6, 10.7, 10.8),
  ...Array.from({ length: 6 }, () => bar(10.8, 10.9, 10.7, 10.8)),
];

function run(bars: readonly BarInput[], options = {}): Record<string, number>[] {
  const fvg = new FairValueGap(options);
  return bars.map((input) => {
    fvg.update(input);
    return Object.fromEntries(fvg.outputs.map((name, index) => [name, fvg.latestValues[index] as number]));
  });
}

describe('FairValueGap', () => {
  it('detects a bullish gap on a 3-bar pattern and tracks it until it is mitigated', () => {
    const rows = run(PATTERN);
    expect(Number.isNaN(rows[1]!.fvg_bullish_detected)).toBe(true);
    expect(rows[2]).toMatchObject({
      fvg_bullish_detected: 1,
      fvg_bearish_detected: 0,
      fvg_bullish_active: 1,
      fvg_lc_bull_count: 1,
      fvg_nearest_level: 12,
      fvg_age: 0,
      fvg_gap_size: 1,
      fvg_mitigation_depth: 0,
      fvg_mitigation_signal: 0,
    });
    expect(rows[2]!.fvg_gap_size_pct).toBeCloseTo((1 / 14.5) * 100, 12);
    // Close 11.5 is inside the gap: penetration (12 − 11.5) / 1
    expect(rows[3]).toMatchObject({ fvg_bullish_detected: 0, fvg_bullish_active: 1, fvg_age: 1, fvg_mitigation_depth: 0.5 });
    // Close 10.8 ≤ 11 mitigates: penetration 1.2 (capped at 1), 2 bars, volume ratio 1
    const strength = 0.4 * 1 + 0.3 * (1 - 2 / 20) + 0.2 * (1 / 2) + 0.1 * (1 - 2 / 50);
    expect(rows[4]).toMatchObject({
      fvg_bullish_active: 0,
      fvg_lc_bull_count: 0,
      fvg_nearest_level: 0,
      fvg_mitigation_signal: 1,
      fvg_mitigation_depth: 0,
      fvg_bullish_mitigated: 1,
      fvg_bullish_size: 1,
      fvg_bullish_level: 11.5,
      fvg_bearish_mitigated: 0,
    });
    expect(rows[4]!.fvg_mitigation_strength).toBeCloseTo(strength, 12);
    // The signal holds for 5 more bars; the mitigated flag is for the mitigation bar only
    expect(rows.slice(5, 10).map((row) => row.fvg_mitigation_signal)).toEqual([1, 1, 1, 1, 1]);
    expect(rows[5]!.fvg_bullish_mitigated).toBe(0);
    expect(rows[10]).toMatchObject({ fvg_mitigation_signal: 0, fvg_mitigation_strength: 0 });
  });

  it('detects the mirrored bearish gap with the near edge as its level', () => {
    const rows = run(PATTERN.map(mirror));
    expect(rows[2]).toMatchObject({ fvg_bullish_detected: 0, fvg_bearish_detected: 1, fvg_bearish_active: 1, fvg_lc_bear_count: 1, fvg_nearest_level: 18 });
    expect(rows[4]).toMatchObject({ fvg_bearish_mitigated: 1, fvg_bearish_size: 1, fvg_bearish_level: 18.5, fvg_mitigation_signal: 1 });
    expect(rows[4]!.fvg_mitigation_strength).toBeCloseTo(0.4 + 0.3 * 0.9 + 0.1 + 0.1 * 0.96, 12);
  });

  it('needs a big middle body', () => {
    const small = [PATTERN[0]!, bar(10.5, 14, 10.4, 10.9), PATTERN[2]!];
    expect(run(small)[2]).toMatchObject({ fvg_bullish_detected: 0, fvg_lc_bull_count: 0 });
  });

  it('expires lifecycle gaps older than maxAge while the active zone lives on', () => {
    const quiet = Array.from({ length: 4 }, () => bar(14.5, 14.6, 14.4, 14.5));
    const rows = run([...PATTERN.slice(0, 3), ...quiet], { maxAge: 2 });
    expect(rows.slice(2).map((row) => row.fvg_lc_bull_count)).toEqual([1, 1, 1, 0, 0]);
    expect(rows.slice(2).map((row) => row.fvg_bullish_active)).toEqual([1, 1, 1, 1, 1]);
  });

  it('applies the optional minimum gap filter only when set', () => {
    expect(run(PATTERN.slice(0, 3), { minGapPct: 10 })[2]!.fvg_bullish_detected).toBe(0);
    expect(run(PATTERN.slice(0, 3), { minGapPct: 5 })[2]!.fvg_bullish_detected).toBe(1);
  });
});
