import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { MaximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { MmdReference } from './mmd-reference.js';

const OPTIONS = { referenceSize: 30, windowSize: 8, volatilityWindow: 5, minBars: 40, momentumShort: 3, momentumLong: 6, volumeRatioWindow: 4, barsPerDay: 2, tradingDays: 8 };

function randomBars(count: number): BarInput[] {
  const random = new SeededRandom(4);
  const bars: BarInput[] = [];
  let price = 100;
  for (let index = 0; index < count; index += 1) {
    // A volatility regime change half way makes the scores move
    const close = price * (1 + random.normal() * (index < count / 2 ? 0.002 : 0.01));
    bars.push({ start: index, open: price, high: Math.max(price, close) * 1.001, low: Math.min(price, close) * 0.999, close, volume: 100 + random.int(50) });
    price = close;
  }
  return bars;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const squaredDistance = (a: number[], b: number[]) => a.reduce((sum, value, dim) => sum + (value - (b[dim] as number)) ** 2, 0);

// Brute force from the definitions: every statistic recomputed from scratch for each bar
function bruteForceScores(bars: BarInput[]): number[] {
  const closes = bars.map((bar) => bar.close);
  const returns = closes.map((close, index) => (index === 0 ? Number.NaN : close / (closes[index - 1] as number) - 1));
  const rows: number[][] = [];
  for (let index = OPTIONS.volatilityWindow; index < bars.length; index += 1) {
    const window = returns.slice(index - OPTIONS.volatilityWindow + 1, index + 1);
    const average = mean(window);
    const variance = window.reduce((sum, value) => sum + (value - average) ** 2, 0) / (window.length - 1);
    const previous = closes[index - 1] as number;
    const bar = bars[index] as BarInput;
    rows.push([returns[index] as number, Math.log(bar.close / previous), (bar.high - bar.low) / previous, Math.sqrt(variance) * Math.sqrt(16)]);
  }
  const reference = rows.slice(0, OPTIONS.referenceSize);
  const means = [0, 1, 2, 3].map((dim) => mean(reference.map((row) => row[dim] as number)));
  const stds = [0, 1, 2, 3].map((dim) => Math.max(Math.sqrt(mean(reference.map((row) => ((row[dim] as number) - (means[dim] as number)) ** 2))), 1e-8));
  const z = rows.map((row) => row.map((value, dim) => (value - (means[dim] as number)) / (stds[dim] as number)));
  const x = z.slice(0, OPTIONS.referenceSize);
  const pairs = x.flatMap((a, i) => x.slice(i + 1).map((b) => squaredDistance(a, b))).sort((a, b) => a - b);
  const half = Math.floor(pairs.length / 2);
  const median = pairs.length % 2 === 1 ? pairs[half]! : (pairs[half - 1]! + pairs[half]!) / 2;
  const kernel = (a: number[], b: number[]) => Math.exp(-squaredDistance(a, b) / (2 * median));
  const within = (set: number[][]) => set.reduce((sum, a, i) => sum + set.reduce((inner, b, j) => inner + (i === j ? 0 : kernel(a, b)), 0), 0) / (set.length * (set.length - 1));
  const kxx = within(x);
  return bars.map((_, index) => {
    if (index < OPTIONS.minBars - 1) return Number.NaN;
    const last = index - OPTIONS.volatilityWindow;
    const y = z.slice(last - OPTIONS.windowSize + 1, last + 1);
    const across = x.reduce((sum, a) => sum + y.reduce((inner, b) => inner + kernel(a, b), 0), 0) / (x.length * y.length);
    const squared = kxx + within(y) - 2 * across;
    return squared > 0 ? Math.sqrt(squared) : 0;
  });
}

describe('MaximumMeanDiscrepancy', () => {
  const bars = randomBars(160);

  it('matches a from-scratch computation of every score', () => {
    const expected = bruteForceScores(bars);
    const mmd = new MaximumMeanDiscrepancy(OPTIONS);
    let positive = 0;
    bars.forEach((bar, index) => {
      mmd.update(bar);
      const score = mmd.latestValues[12] as number;
      if (index < OPTIONS.minBars - 1) {
        expect(Number.isNaN(score)).toBe(true);
        return;
      }
      expect(Number.isFinite(expected[index])).toBe(true);
      expect(Math.abs(score - (expected[index] as number))).toBeLessThan(1e-12);
      if (score > 0.1) positive += 1;
    });
    expect(positive).toBeGreaterThan(10);
  });

  it('reports the raw vector around the score', () => {
    const mmd = new MaximumMeanDiscrepancy(OPTIONS);
    for (const bar of bars.slice(0, 50)) mmd.update(bar);
    const [bar, previous] = [bars[49], bars[48]] as BarInput[];
    const values = [...mmd.values];
    expect(values.slice(0, 5)).toEqual([bar!.close, bar!.high, bar!.low, bar!.close, bar!.volume]);
    expect(values[5]).toBe(bar!.close / previous!.close - 1);
    expect(values[9]).toBe(bar!.close / bars[46]!.close - 1);
    expect(values[10]).toBe(bar!.close / bars[43]!.close - 1);
    const volumes = bars.slice(46, 50).map((item) => item.volume);
    expect(values[11]).toBeCloseTo(bar!.volume / (mean(volumes) + 1e-9), 12);
  });

  it('freezes the reference statistics once', () => {
    const mmd = new MaximumMeanDiscrepancy(OPTIONS);
    for (const bar of bars.slice(0, 34)) mmd.update(bar);
    expect(mmd.reference).toBeUndefined();
    mmd.update(bars[34]!);
    const reference = mmd.reference as MmdReference;
    expect(reference.rowCount).toBe(30);
    expect(reference.sigma).toBe(Math.sqrt(reference.medianSquaredDistance));
    for (const bar of bars.slice(35)) mmd.update(bar);
    expect(mmd.reference).toBe(reference);
  });

  it('computes the reference statistics of a small set by hand', () => {
    // Rows differ only in dimension 0: values 0, 1, 3 → mean 4/3, population std sqrt(14/9)
    const reference = new MmdReference(Float64Array.from([0, 5, 5, 5, 1, 5, 5, 5, 3, 5, 5, 5]), 3);
    expect(reference.mean[0]).toBeCloseTo(4 / 3, 15);
    expect(reference.std[0]).toBeCloseTo(Math.sqrt(14 / 9), 15);
    expect(reference.std[1]).toBe(1e-8);
    // z-scored gaps 1, 2, 3 (over std) → squared distances 1, 4, 9 over 14/9; the median is 4 · 9/14
    expect(reference.medianSquaredDistance).toBeCloseTo((4 * 9) / 14, 12);
    const kernel = (squared: number) => Math.exp(-squared / (2 * ((4 * 9) / 14)));
    const pairSum = kernel(9 / 14) + kernel(36 / 14) + kernel(81 / 14);
    expect(reference.withinMean).toBeCloseTo((2 * pairSum) / 6, 12);
  });

  it('rejects a minBars too small for the reference', () => {
    expect(() => new MaximumMeanDiscrepancy({ minBars: 100 })).toThrow(/mmd\.options\.minBars/);
  });
});
