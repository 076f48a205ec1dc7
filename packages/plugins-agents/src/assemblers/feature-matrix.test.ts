import { describe, expect, it } from 'vitest';
import { FeatureMatrix } from './feature-matrix.js';
import { PriceMomentum } from './price-momentum.js';
import { VolumeRatio } from './volume-ratio.js';

describe('FeatureMatrix', () => {
  it('keeps the last `window` rows oldest first and pads missing rows with zeros when copying', () => {
    const matrix = new FeatureMatrix(3, ['a', 'b']);
    matrix.push([1, 2]);
    expect(matrix.filled).toBe(1);
    expect(Array.from(matrix.copyTo(new Float32Array(6)))).toEqual([0, 0, 0, 0, 1, 2]);
    matrix.push([3, 4]);
    matrix.push([5, 6]);
    matrix.push([7, 8]);
    expect(matrix.isFull).toBe(true);
    expect(matrix.updates).toBe(4);
    expect(matrix.toRows()).toEqual([
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(Array.from(matrix.copyTo(new Float32Array(6)))).toEqual([3, 4, 5, 6, 7, 8]);
    expect(matrix.get(0, 1)).toBe(4);
    expect(matrix.latest(0)).toBe(7);
  });

  it('gathers selected columns row-major and stores float32 values, non-finite ones as 0', () => {
    const matrix = new FeatureMatrix(2, ['a', 'b', 'c']);
    matrix.push([0.1, Number.NaN, 3]);
    matrix.push([Infinity, 5, 6]);
    expect(Array.from(matrix.gather([2, 0], new Float32Array(4)))).toEqual([3, Math.fround(0.1), 6, 0]);
    expect(matrix.get(0, 1)).toBe(0);
  });

  it('refuses rows and targets of the wrong size with a clear message', () => {
    const matrix = new FeatureMatrix(2, ['a', 'b']);
    expect(() => matrix.push([1])).toThrow(/a row needs 2 values, was 1/);
    expect(() => matrix.copyTo(new Float32Array(3))).toThrow(/target needs 4 values \(2 × 2\), was 3/);
    expect(() => matrix.get(0, 0)).toThrow(/outside 0 rows/);
  });

  it('forgets everything on reset', () => {
    const matrix = new FeatureMatrix(2, ['a']);
    matrix.push([1]);
    matrix.reset();
    expect([matrix.filled, matrix.updates, matrix.latest(0)]).toEqual([0, 0, 0]);
  });
});

describe('PriceMomentum', () => {
  it('is 100·(P_t − P_t−5)/P_t−5 clipped to ±10, and 0 until six closes', () => {
    const momentum = new PriceMomentum(5, 10);
    const closes = [100, 101, 102, 103, 104, 110, 99, 200];
    const seen = closes.map((close) => {
      momentum.push(close);
      return momentum.value;
    });
    expect(seen.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(seen[5]).toBeCloseTo(10, 12); // (110 − 100)/100
    expect(seen[6]).toBeCloseTo((100 * (99 - 101)) / 101, 12);
    expect(seen[7]).toBe(10); // (200 − 102)/102 = 96% clipped
  });
});

describe('VolumeRatio', () => {
  it('divides the volume by an EMA seeded with max(V0, 1) and updated with alpha before the ratio', () => {
    const ratio = new VolumeRatio(0.5);
    ratio.push(0);
    expect(ratio.value).toBe(0); // EMA seeded at max(0, 1) = 1
    ratio.push(3);
    // EMA = 1 + 0.5·(3 − 1) = 2 → 3/2
    expect(ratio.value).toBe(1.5);
    ratio.push(2);
    // EMA = 2 + 0.5·(2 − 2) = 2 → 1
    expect(ratio.value).toBe(1);
  });
});
