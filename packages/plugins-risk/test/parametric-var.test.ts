import { describe, expect, it } from 'vitest';
import { normalVaR, parametricVaR } from '../src/math/index.js';
import { meanAndDeviation, testReturns } from './reference-math.js';

const z95 = 1.6448536269514722;
const z99 = 2.3263478740408408;

describe('parametricVaR', () => {
  it('computes −(μ + z₁₋c·σ) with the sample mean and n − 1 deviation on a hand-worked example', () => {
    // Mean (0.01 − 0.02 + 0.015 + 0.005 − 0.01)/5 = 0; squares 1e-4 + 4e-4 + 2.25e-4 + 0.25e-4 + 1e-4 = 8.5e-4
    const returns = [0.01, -0.02, 0.015, 0.005, -0.01];
    const deviation = Math.sqrt(8.5e-4 / 4);
    expect(parametricVaR(returns, 0.95)).toBeCloseTo(z95 * deviation, 15);
    expect(parametricVaR(returns, 0.99)).toBeCloseTo(z99 * deviation, 15);
  });

  it('includes the mean: a positive drift lowers VaR', () => {
    // Mean 0.002, deviations ±0.01 → σ² = 4·1e-4/3
    const returns = [0.012, -0.008, 0.012, -0.008];
    const deviation = Math.sqrt(4e-4 / 3);
    expect(parametricVaR(returns, 0.99)).toBeCloseTo(z99 * deviation - 0.002, 15);
  });

  it('agrees with a plain mean/deviation computation on generated data', () => {
    for (const seed of [1, 2, 3]) {
      const returns = testReturns(1000, seed, 0.015).map((value) => value + 0.0004);
      const { mean, deviation } = meanAndDeviation(returns);
      expect(parametricVaR(returns, 0.975)).toBeCloseTo(-(mean - 1.959963984540054 * deviation), 14);
    }
  });

  it('reproduces the textbook example: σ = 1 % a day on $10 M at 99 % is about $232,635', () => {
    // A zero-mean position with 1 % daily volatility: VaR = 2.326·1 %·$10 M
    expect(normalVaR(0, 0.01, 0.99) * 10_000_000).toBeCloseTo(232_634.787, 2);
    // 10-day VaR with the √10 rule (zero mean): $735,656
    expect(normalVaR(0, 0.01, 0.99, 10) * 10_000_000).toBeCloseTo(232_634.787 * Math.sqrt(10), 2);
  });

  it('aggregates a non-zero mean exactly over the horizon: −(h·μ + z·σ·√h)', () => {
    expect(normalVaR(0.001, 0.02, 0.95, 4)).toBeCloseTo(-(4 * 0.001 - z95 * 0.02 * 2), 15);
    const returns = testReturns(200, 8);
    const { mean, deviation } = meanAndDeviation(returns);
    expect(parametricVaR(returns, 0.95, { horizon: 9 })).toBeCloseTo(-(9 * mean - z95 * deviation * 3), 14);
  });

  it('gives exactly −c for a constant series c and needs two returns', () => {
    expect(parametricVaR(new Array(20).fill(0), 0.99)).toBe(0);
    expect(parametricVaR(new Array(20).fill(0.1), 0.99)).toBe(-0.1);
    expect(parametricVaR([0.003, 0.003, 0.003], 0.95, { horizon: 2 })).toBe(-0.006);
    expect(() => parametricVaR([0.01], 0.95)).toThrow('returns must contain at least 2 values, received 1');
    expect(() => parametricVaR([0.01, Number.NaN], 0.95)).toThrow('returns[1] must be a finite number, was NaN');
    expect(() => normalVaR(0, -0.01, 0.95)).toThrow('standardDeviation must be >= 0, was -0.01');
    expect(() => normalVaR(Number.NaN, 0.01, 0.95)).toThrow('mean must be a finite number, was NaN');
  });
});
