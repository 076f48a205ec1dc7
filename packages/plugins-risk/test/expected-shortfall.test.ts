import { describe, expect, it } from 'vitest';
import { expectedShortfall, historicalVaR, normalExpectedShortfall, parametricExpectedShortfall, parametricVaR } from '../src/math/index.js';
import { density, meanAndDeviation, meanAtOrBelow, simpson, sortedPercentile, testReturns, testStream } from './reference-math.js';

describe('expectedShortfall (historical)', () => {
  const tenReturns = [-0.05, 0.02, -0.01, 0.03, -0.02, 0.01, 0, -0.03, 0.04, 0.015];

  it('averages the returns at or beyond the VaR threshold on a hand-worked example', () => {
    // 95 %: threshold −0.041, tail {−0.05} → 0.05
    expect(expectedShortfall(tenReturns, 0.95)).toBeCloseTo(0.05, 15);
    // 80 %: threshold −0.022, tail {−0.05, −0.03} → 0.04
    expect(expectedShortfall(tenReturns, 0.8)).toBeCloseTo(0.04, 15);
    // 75 % of 5 returns: h = 4·0.25 = 1 lands exactly on order statistic 1 (−0.02), which is tied with
    // order statistic 2; both ties are in the tail → (0.04 + 0.02 + 0.02)/3
    const tied = [-0.04, -0.02, 0.01, 0.03, -0.02];
    expect(historicalVaR(tied, 0.75)).toBe(0.02);
    expect(expectedShortfall(tied, 0.75)).toBeCloseTo(0.08 / 3, 15);
  });

  it('matches the filter-and-average definition over a full sort on generated and tied data, and is ≥ VaR', () => {
    const next = testStream(4);
    for (const size of [1, 2, 9, 100, 777]) {
      const smooth = testReturns(size, size + 100);
      const ties = Array.from({ length: size }, () => Math.round(next() * 6 - 3) / 100);
      for (const series of [smooth, ties]) {
        for (const confidence of [0.6, 0.9, 0.95, 0.99]) {
          const threshold = sortedPercentile(series, (1 - confidence) * 100);
          const shortfall = expectedShortfall(series, confidence);
          expect(shortfall).toBeCloseTo(-meanAtOrBelow(series, threshold), 14);
          expect(shortfall).toBeGreaterThanOrEqual(historicalVaR(series, confidence) - 1e-15);
        }
      }
    }
  });

  it('scales by √horizon, handles constant series and rejects bad input like historicalVaR', () => {
    const returns = testReturns(250, 3);
    expect(expectedShortfall(returns, 0.975, { horizon: 4 })).toBeCloseTo(2 * expectedShortfall(returns, 0.975), 15);
    expect(expectedShortfall(new Array(10).fill(0), 0.99)).toBe(0);
    expect(expectedShortfall(new Array(10).fill(0.02), 0.99)).toBe(-0.02);
    expect(() => expectedShortfall([], 0.99)).toThrow('returns must contain at least one value, was empty');
    expect(() => expectedShortfall([0.01, Number.NaN, 0.2], 0.99)).toThrow('returns[1] must be a finite number, was NaN');
    expect(() => expectedShortfall([0.01], 1)).toThrow(/confidence must be a number strictly between 0 and 1/);
  });
});

describe('normal expected shortfall', () => {
  it('equals −E[X | X ≤ q] computed by integrating x·φ(x) over the tail', () => {
    for (const confidence of [0.9, 0.95, 0.975, 0.99]) {
      const mean = 0.0005;
      const deviation = 0.012;
      const q = -parametricVaRThreshold(confidence);
      // E[Z | Z ≤ q] = ∫_{−12}^{q} z φ(z) dz / (1 − c); the tail below −12 is negligible
      const conditional = simpson((z) => z * density(z), -12, q, 20000) / (1 - confidence);
      const expected = -(mean + deviation * conditional);
      expect(normalExpectedShortfall(mean, deviation, confidence)).toBeCloseTo(expected, 12);
    }
  });

  it('gives the Basel 97.5 % ES of a unit normal (about 2.3378) and exceeds the same-level VaR', () => {
    // φ(z₀.₉₇₅)/0.025 with z₀.₉₇₅ = 1.959963984540054
    expect(normalExpectedShortfall(0, 1, 0.975)).toBeCloseTo(density(1.959963984540054) / 0.025, 13);
    expect(normalExpectedShortfall(0, 1, 0.975)).toBeCloseTo(2.3378, 4);
    const returns = testReturns(500, 12, 0.02);
    const { mean, deviation } = meanAndDeviation(returns);
    const shortfall = parametricExpectedShortfall(returns, 0.99);
    expect(shortfall).toBeCloseTo((deviation * density(2.3263478740408408)) / 0.01 - mean, 13);
    expect(shortfall).toBeGreaterThan(parametricVaR(returns, 0.99));
  });

  it('aggregates over the horizon as σ√h·φ(z)/(1 − c) − h·μ and is −c for a constant series', () => {
    expect(normalExpectedShortfall(0.001, 0.01, 0.95, 16)).toBeCloseTo(normalExpectedShortfall(0, 0.04, 0.95) - 0.016, 15);
    expect(parametricExpectedShortfall([0.004, 0.004, 0.004], 0.95)).toBe(-0.004);
    expect(() => parametricExpectedShortfall([0.01], 0.95)).toThrow('returns must contain at least 2 values, received 1');
  });
});

/** The positive z with P(Z ≤ −z) = 1 − confidence, found by bisection on the integrated CDF. */
function parametricVaRThreshold(confidence: number): number {
  let low = 0;
  let high = 10;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (low + high) / 2;
    const tail = 0.5 - simpson(density, 0, middle, 4000);
    if (tail > 1 - confidence) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
