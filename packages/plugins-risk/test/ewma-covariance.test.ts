import { describe, expect, it } from 'vitest';
import { EwmaCovariance } from '../src/math/index.js';
import { testReturns } from './reference-math.js';

/** Σ_T = (1 − λ)·Σₜ λ^(T−t)·rₜ·rₜᵀ written out as a weighted sum over nested arrays (no recursion). */
function weightedSumCovariance(rows: number[][], lambda: number): number[][] {
  const size = rows[0]!.length;
  const result = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const last = rows.length - 1;
  rows.forEach((returns, time) => {
    const weight = (1 - lambda) * lambda ** (last - time);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) result[i]![j]! += weight * returns[i]! * returns[j]!;
  });
  return result;
}

function generatedRows(count: number, size: number, seed: number): number[][] {
  const common = testReturns(count, seed, 0.01);
  return Array.from({ length: count }, (_, time) => {
    const own = testReturns(size, seed * 1000 + time, 0.01);
    // A shared factor makes the instruments positively correlated
    return own.map((value) => value + common[time]!);
  });
}

describe('EwmaCovariance', () => {
  it('follows Σ ← λΣ + (1 − λ)·r·rᵀ from zero on a hand-worked two-step example', () => {
    const ewma = new EwmaCovariance({ size: 2 });
    expect(ewma.lambda).toBe(0.94);
    ewma.update([0.01, -0.02]);
    // 0.06·[[1e-4, −2e-4], [−2e-4, 4e-4]]
    expect([...ewma.covariance()].map((value) => Number(value.toPrecision(12)))).toEqual([6e-6, -1.2e-5, -1.2e-5, 2.4e-5]);
    expect(ewma.correlation()[1]).toBe(-1);
    ewma.update([0.03, 0.01]);
    // 0.94·previous + 0.06·[[9e-4, 3e-4], [3e-4, 1e-4]] = [[5.964e-5, 6.72e-6], [6.72e-6, 2.856e-5]]
    const covariance = ewma.covariance();
    expect(covariance[0]).toBeCloseTo(5.964e-5, 18);
    expect(covariance[1]).toBeCloseTo(6.72e-6, 18);
    expect(covariance[2]).toBe(covariance[1]);
    expect(covariance[3]).toBeCloseTo(2.856e-5, 18);
    const rho = 6.72e-6 / Math.sqrt(5.964e-5 * 2.856e-5);
    expect(ewma.correlation()[1]).toBeCloseTo(rho, 14);
    expect(ewma.averageCorrelation()).toBeCloseTo(rho, 14);
    expect(ewma.volatility(1)).toBeCloseTo(Math.sqrt(2.856e-5), 16);
    expect(ewma.samples).toBe(2);
  });

  it('equals the explicit exponentially weighted sum for several λ and sizes', () => {
    for (const [size, lambda] of [[1, 0.94], [3, 0.97], [6, 0.5], [4, 0.999]] as const) {
      const rows = generatedRows(300, size, size + 7);
      const ewma = new EwmaCovariance({ size, lambda });
      for (const row of rows) ewma.update(Float64Array.from(row));
      const expected = weightedSumCovariance(rows, lambda);
      const covariance = ewma.covariance();
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          expect(Math.abs(covariance[i * size + j]! - expected[i]![j]!)).toBeLessThanOrEqual(1e-13 * expected[i]![i]! + 1e-20);
        }
      }
      const correlation = ewma.correlation();
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const rho = i === j ? 1 : expected[i]![j]! / Math.sqrt(expected[i]![i]! * expected[j]![j]!);
          expect(correlation[i * size + j]).toBeCloseTo(rho, 12);
        }
      }
    }
  });

  it('matches the one-instrument RiskMetrics variance recursion σ²ₜ = λσ²ₜ₋₁ + (1 − λ)r²ₜ', () => {
    const returns = testReturns(100, 42, 0.02);
    const ewma = new EwmaCovariance({ size: 1 });
    let variance = 0;
    for (const value of returns) {
      ewma.update([value]);
      variance = 0.94 * variance + 0.06 * value * value;
    }
    expect(ewma.variance(0)).toBeCloseTo(variance, 18);
    expect(ewma.correlation()).toEqual(Float64Array.of(1));
    expect(ewma.averageCorrelation()).toBe(0);
  });

  it('with λ = 0 holds only the last outer product; λ close to 1 barely moves', () => {
    const memoryless = new EwmaCovariance({ size: 2, lambda: 0 });
    memoryless.update([0.5, 0.1]);
    memoryless.update([0.02, -0.03]);
    expect([...memoryless.covariance()]).toEqual([0.02 * 0.02, 0.02 * -0.03, 0.02 * -0.03, -0.03 * -0.03]);
    const lambda = 1 - 1e-9;
    const sluggish = new EwmaCovariance({ size: 2, lambda });
    sluggish.update([0.02, -0.03]);
    // 1 − λ is about 1e-9 (not exactly, in binary floating point)
    expect(sluggish.covariance()[0]! / ((1 - lambda) * 0.02 * 0.02)).toBeCloseTo(1, 14);
    sluggish.update([0, 0]);
    expect(sluggish.covariance()[1]! / (lambda * (1 - lambda) * 0.02 * -0.03)).toBeCloseTo(1, 14);
    expect(sluggish.correlation()[1]).toBe(-1);
  });

  it('defines correlation with zero variance as 0 off the diagonal and 1 on it', () => {
    const ewma = new EwmaCovariance({ size: 3 });
    expect([...ewma.correlation()]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // Instrument 1 never moves: its pairs stay 0 while 0 and 2 become perfectly anti-correlated
    ewma.update([0.01, 0, -0.02]);
    ewma.update([-0.03, 0, 0.06]);
    expect([...ewma.correlation()]).toEqual([1, 0, -1, 0, 1, 0, -1, 0, 1]);
    expect(ewma.averageCorrelation()).toBeCloseTo(-1 / 3, 15);
  });

  it('returns the same preallocated arrays on every call and recomputes correlation after updates', () => {
    const ewma = new EwmaCovariance({ size: 2 });
    const covariance = ewma.covariance();
    const correlation = ewma.correlation();
    ewma.update([0.01, 0.01]);
    expect(ewma.covariance()).toBe(covariance);
    expect(ewma.correlation()).toBe(correlation);
    expect(correlation[1]).toBe(1);
    ewma.update([0.01, -0.01]);
    expect(ewma.correlation()).toBe(correlation);
    expect(correlation[1]).toBeCloseTo((0.94 * 0.06 * 1e-4 - 0.06 * 1e-4) / (0.94 * 0.06 * 1e-4 + 0.06 * 1e-4), 14);
    ewma.reset();
    expect([...ewma.covariance()]).toEqual([0, 0, 0, 0]);
    expect(ewma.samples).toBe(0);
    expect(ewma.correlation()[1]).toBe(0);
  });

  it('rejects bad options and bad rows, naming the index, and leaves the state unchanged', () => {
    expect(() => new EwmaCovariance({ size: 2, lambda: 1 })).toThrow('lambda must be a number in [0, 1), was 1');
    expect(() => new EwmaCovariance({ size: 2, lambda: -0.1 })).toThrow('lambda must be a number in [0, 1), was -0.1');
    expect(() => new EwmaCovariance({ size: 2, lambda: Number.NaN })).toThrow('lambda must be a number in [0, 1), was NaN');
    expect(() => new EwmaCovariance({ size: 0 })).toThrow('size must be an integer >= 1, was 0');
    expect(() => new EwmaCovariance({ size: 2.5 })).toThrow('size must be an integer >= 1, was 2.5');
    const ewma = new EwmaCovariance({ size: 3 });
    ewma.update([0.01, 0.02, 0.03]);
    const before = Float64Array.from(ewma.covariance());
    expect(() => ewma.update([0.01, 0.02])).toThrow(
      expect.objectContaining({ code: 'GM_INPUT_INVALID', message: 'returns must have 3 values (one per instrument), received 2' }),
    );
    expect(() => ewma.update([0.01, Number.NaN, 0.03])).toThrow('returns[1] must be a finite number, was NaN');
    expect(() => ewma.update([0.01, 0.02, Number.NEGATIVE_INFINITY])).toThrow('returns[2] must be a finite number, was -Infinity');
    expect(ewma.covariance()).toEqual(before);
    expect(ewma.samples).toBe(1);
    expect(() => ewma.variance(3)).toThrow('index must be an integer in [0, 2], was 3');
  });
});
