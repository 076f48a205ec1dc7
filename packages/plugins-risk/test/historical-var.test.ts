import { SdkError } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { empiricalQuantile, historicalVaR } from '../src/math/index.js';
import { selectKth } from '../src/math/select-kth.js';
import { sortedPercentile, testReturns, testStream } from './reference-math.js';

// Ten daily returns; sorted: −0.05, −0.03, −0.02, −0.01, 0, 0.01, 0.015, 0.02, 0.03, 0.04
const tenReturns = [-0.05, 0.02, -0.01, 0.03, -0.02, 0.01, 0, -0.03, 0.04, 0.015];

describe('historicalVaR', () => {
  it('interpolates between order statistics like numpy on a hand-worked example', () => {
    // 95 %: h = (10 − 1)·0.05 = 0.45 → −0.05 + 0.45·(−0.03 − (−0.05)) = −0.041
    expect(historicalVaR(tenReturns, 0.95)).toBeCloseTo(0.041, 15);
    // 80 %: h = 9·0.2 = 1.8 → −0.03 + 0.8·(−0.02 − (−0.03)) = −0.022
    expect(historicalVaR(tenReturns, 0.8)).toBeCloseTo(0.022, 15);
    // 50 %: h = 4.5 → halfway between order statistics 4 and 5 (0 and 0.01) → 0.005, a gain, so VaR is negative
    expect(historicalVaR(tenReturns, 0.5)).toBeCloseTo(-0.005, 15);
    // 1/9 steps land exactly on order statistics: confidence 1 − 2/9 → h = 2 → −0.02
    expect(historicalVaR(tenReturns, 1 - 2 / 9)).toBeCloseTo(0.02, 15);
  });

  it('equals −percentile from a full sort for many sizes, confidences and tie patterns', () => {
    const next = testStream(11);
    for (const size of [1, 2, 3, 4, 5, 7, 10, 31, 100, 252, 1000, 4099]) {
      const smooth = testReturns(size, size);
      const ties = Array.from({ length: size }, () => Math.floor(next() * 5) / 100 - 0.02);
      const ascending = [...smooth].sort((a, b) => a - b);
      const descending = [...ascending].reverse();
      for (const series of [smooth, ties, ascending, descending]) {
        for (const confidence of [0.5, 0.9, 0.95, 0.975, 0.99, 0.999]) {
          const expected = -sortedPercentile(series, (1 - confidence) * 100);
          expect(Math.abs(historicalVaR(series, confidence) - expected)).toBeLessThanOrEqual(1e-15);
        }
      }
    }
  });

  it('scales by √horizon (square-root-of-time rule)', () => {
    const returns = testReturns(500, 5);
    const oneDay = historicalVaR(returns, 0.99);
    expect(historicalVaR(returns, 0.99, { horizon: 10 })).toBeCloseTo(oneDay * Math.sqrt(10), 15);
    expect(historicalVaR(returns, 0.99, { horizon: 0.25 })).toBeCloseTo(oneDay / 2, 15);
  });

  it('leaves the input untouched and reuses a scratch buffer to the same result', () => {
    const returns = Float64Array.from(testReturns(300, 9));
    const before = Float64Array.from(returns);
    const scratch = new Float64Array(400);
    const withScratch = historicalVaR(returns, 0.95, { scratch });
    expect(withScratch).toBe(historicalVaR(returns, 0.95));
    expect(returns).toEqual(before);
    // A second call with the dirty scratch buffer gives the same answer
    expect(historicalVaR(returns, 0.95, { scratch })).toBe(withScratch);
  });

  it('reports −c for a constant series c (0 for flat prices) and the value itself for one observation', () => {
    expect(historicalVaR(new Array(50).fill(0), 0.99)).toBe(0);
    expect(historicalVaR(new Array(50).fill(0.001), 0.99)).toBe(-0.001);
    expect(historicalVaR(new Array(50).fill(-0.002), 0.95)).toBe(0.002);
    expect(historicalVaR([-0.03], 0.95)).toBe(0.03);
  });

  it('rejects empty or non-finite returns and a confidence outside (0, 1) with GM_INPUT_INVALID', () => {
    const withNaN = testReturns(30, 1);
    withNaN[17] = Number.NaN;
    const thrown = captureError(() => historicalVaR(withNaN, 0.95));
    expect(SdkError.is(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'GM_INPUT_INVALID', message: 'returns[17] must be a finite number, was NaN' });
    expect(() => historicalVaR([], 0.95)).toThrow('returns must contain at least one value, was empty');
    expect(() => historicalVaR([0.01, Number.POSITIVE_INFINITY], 0.95)).toThrow('returns[1] must be a finite number, was Infinity');
    expect(() => historicalVaR([0.01, '0.02' as unknown as number], 0.95)).toThrow('returns[1] must be a finite number, was "0.02"');
    for (const confidence of [0, 1, 1.5, -0.2, Number.NaN]) {
      expect(() => historicalVaR([0.01, 0.02], confidence)).toThrow(/^confidence must be a number strictly between 0 and 1/);
    }
    expect(() => historicalVaR([0.01, 0.02], 0.95, { horizon: 0 })).toThrow('horizon must be a finite number of periods greater than 0, was 0');
    expect(() => historicalVaR([0.01, 0.02, 0.03], 0.95, { scratch: new Float64Array(2) })).toThrow(
      'scratch must be a Float64Array of length >= 3, received length 2',
    );
  });
});

describe('empiricalQuantile and selectKth', () => {
  it('matches the sorted-array quantile at every probability step', () => {
    const values = testReturns(37, 21);
    for (let step = 0; step <= 100; step++) {
      expect(empiricalQuantile(values, step / 100)).toBeCloseTo(sortedPercentile(values, step), 15);
    }
    expect(empiricalQuantile(values, 0)).toBe(Math.min(...values));
    expect(empiricalQuantile(values, 1)).toBe(Math.max(...values));
    expect(() => empiricalQuantile(values, 1.01)).toThrow('probability must be in [0, 1], was 1.01');
  });

  it('partitions around the k-th smallest value for adversarial orders (sorted, reversed, organ pipe, all equal)', () => {
    const size = 2001;
    const patterns: Record<string, (index: number) => number> = {
      ascending: (index) => index,
      descending: (index) => size - index,
      organPipe: (index) => Math.min(index, size - index),
      allEqual: () => 3,
      twoValues: (index) => index % 2,
      sawtooth: (index) => index % 17,
    };
    for (const [name, pattern] of Object.entries(patterns)) {
      const original = Array.from({ length: size }, (_, index) => pattern(index));
      const sorted = [...original].sort((a, b) => a - b);
      for (const k of [0, 1, 500, 1000, 1999, 2000]) {
        const work = Float64Array.from(original);
        const selected = selectKth(work, k);
        expect(selected, `${name} k=${k}`).toBe(sorted[k]);
        for (let index = 0; index < k; index++) expect(work[index]! <= selected).toBe(true);
        for (let index = k + 1; index < size; index++) expect(work[index]! >= selected).toBe(true);
      }
    }
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
