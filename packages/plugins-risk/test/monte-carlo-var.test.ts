import { SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import {
  choleskyDecompose,
  CorrelatedNormalSampler,
  EwmaCovariance,
  monteCarloPortfolioVaR,
  monteCarloVaR,
  parametricVaR,
  portfolioParametricVaR,
  portfolioVariance,
  simulatePortfolioReturns,
} from '../src/math/index.js';
import { density, meanAndDeviation, testReturns } from './reference-math.js';

/**
 * Standard error of an empirical p-quantile of N normal draws with deviation σ: σ·√(p(1 − p)/N)/φ(z_p).
 * The tests allow 4 standard errors (a 1-in-16,000 miss for a fresh seed; the seeds here are fixed).
 */
function quantileStandardError(p: number, paths: number, deviation: number, z: number): number {
  return (deviation * Math.sqrt((p * (1 - p)) / paths)) / density(z);
}

describe('monteCarloVaR (one series)', () => {
  const returns = testReturns(500, 77, 0.012).map((value) => value + 0.0003);

  it('is reproducible for a seed and changes with the seed', () => {
    const first = monteCarloVaR(returns, 0.99, { paths: 5000, seed: 42 });
    expect(monteCarloVaR(returns, 0.99, { paths: 5000, seed: 42 })).toBe(first);
    expect(monteCarloVaR(returns, 0.99, { paths: 5000, seed: 43 })).not.toBe(first);
    // A fresh generator with the same seed is the same stream
    expect(monteCarloVaR(returns, 0.99, { paths: 5000, seed: new SeededRandom(42) })).toBe(first);
    // A reused generator advances, so the next call differs
    const shared = new SeededRandom(42);
    monteCarloVaR(returns, 0.99, { paths: 5000, seed: shared });
    expect(monteCarloVaR(returns, 0.99, { paths: 5000, seed: shared })).not.toBe(first);
  });

  it('converges to the parametric VaR within 4 standard errors of the simulated quantile', () => {
    const { deviation } = meanAndDeviation(returns);
    const paths = 100_000;
    for (const [confidence, z] of [[0.95, 1.6448536269514722], [0.99, 2.3263478740408408]] as const) {
      const tolerance = 4 * quantileStandardError(1 - confidence, paths, deviation, z);
      const simulated = monteCarloVaR(returns, confidence, { paths, seed: 2024 });
      expect(Math.abs(simulated - parametricVaR(returns, confidence))).toBeLessThan(tolerance);
    }
  });

  it('simulates the horizon return as N(hμ, hσ²): same draws give VaRₕ = √h·(VaR₁ + μ) − h·μ', () => {
    const { mean } = meanAndDeviation(returns);
    const oneDay = monteCarloVaR(returns, 0.95, { paths: 2000, seed: 5 });
    const fourDays = monteCarloVaR(returns, 0.95, { paths: 2000, seed: 5, horizon: 4 });
    expect(fourDays).toBeCloseTo(2 * (oneDay + mean) - 4 * mean, 14);
  });

  it('gives exactly −h·c for a constant series and reuses a scratch buffer', () => {
    expect(monteCarloVaR(new Array(30).fill(0), 0.99, { paths: 100, seed: 1 })).toBe(0);
    expect(monteCarloVaR(new Array(30).fill(0.002), 0.99, { paths: 100, seed: 1, horizon: 3 })).toBeCloseTo(-0.006, 17);
    const scratch = new Float64Array(1000);
    expect(monteCarloVaR(returns, 0.9, { paths: 1000, seed: 8, scratch })).toBe(monteCarloVaR(returns, 0.9, { paths: 1000, seed: 8 }));
  });

  it('rejects bad paths, seeds and buffers', () => {
    expect(() => monteCarloVaR(returns, 0.99, { paths: 0, seed: 1 })).toThrow('options.paths must be an integer >= 1, was 0');
    expect(() => monteCarloVaR(returns, 0.99, { paths: 10, seed: 1.5 })).toThrow(/options.seed must be an integer in/);
    expect(() => monteCarloVaR(returns, 0.99, { paths: 10, seed: 'x' as unknown as number })).toThrow(
      'options.seed must be an integer or a SeededRandom, was "x"',
    );
    expect(() => monteCarloVaR(returns, 0.99, { paths: 10, seed: 1, scratch: new Float64Array(5) })).toThrow(
      'options.scratch must be a Float64Array of length >= 10 (one slot per path), received length 5',
    );
    expect(() => monteCarloVaR([0.01], 0.99, { paths: 10, seed: 1 })).toThrow('returns must contain at least 2 values, received 1');
  });
});

describe('choleskyDecompose', () => {
  it('factors a 2×2 covariance as [[σ₁, 0], [ρσ₂, σ₂√(1 − ρ²)]]', () => {
    const [s1, s2, rho] = [0.02, 0.03, 0.6];
    const factor = choleskyDecompose([s1 * s1, rho * s1 * s2, rho * s1 * s2, s2 * s2], 2);
    expect(factor[0]).toBeCloseTo(s1, 16);
    expect(factor[1]).toBe(0);
    expect(factor[2]).toBeCloseTo(rho * s2, 16);
    expect(factor[3]).toBeCloseTo(s2 * Math.sqrt(1 - rho * rho), 16);
  });

  it('reproduces a positive-definite and a rank-deficient (EWMA after 2 updates) matrix as L·Lᵀ', () => {
    const size = 5;
    const definite = new EwmaCovariance({ size, lambda: 0.9 });
    for (let time = 0; time < 40; time++) definite.update(testReturns(size, time + 1));
    const deficient = new EwmaCovariance({ size, lambda: 0.9 });
    deficient.update(testReturns(size, 100));
    deficient.update(testReturns(size, 101));
    for (const matrix of [definite.covariance(), deficient.covariance()]) {
      const factor = choleskyDecompose(matrix, size);
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          let product = 0;
          for (let k = 0; k < size; k++) product += factor[i * size + k]! * factor[j * size + k]!;
          expect(Math.abs(product - matrix[i * size + j]!)).toBeLessThan(1e-12 * matrix[i * size + i]! + 1e-18);
          if (j > i) expect(factor[i * size + j]).toBe(0);
        }
      }
    }
    // Perfectly correlated pair: the second column is zero
    expect([...choleskyDecompose([1, 1, 1, 1], 2)]).toEqual([1, 0, 1, 0]);
  });

  it('rejects non-symmetric, indefinite and mis-sized matrices', () => {
    expect(() => choleskyDecompose([1, 2, 2, 1], 2)).toThrow(/covariance is not positive semi-definite: pivot 1 is -3/);
    expect(() => choleskyDecompose([1, 0.5, 0.4, 1], 2)).toThrow(
      'covariance must be symmetric: covariance[0][1] is 0.5 but covariance[1][0] is 0.4',
    );
    expect(() => choleskyDecompose([1, 0, 0], 2)).toThrow('covariance must have 4 values (a 2x2 row-major matrix), received 3');
  });
});

describe('CorrelatedNormalSampler', () => {
  it('reproduces the input variances and correlations within 4 standard errors', () => {
    const volatilities = [0.01, 0.02, 0.015];
    const correlation = [
      [1, 0.8, -0.4],
      [0.8, 1, -0.1],
      [-0.4, -0.1, 1],
    ];
    const covariance = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) covariance[i * 3 + j] = correlation[i]![j]! * volatilities[i]! * volatilities[j]!;
    const sampler = new CorrelatedNormalSampler(covariance, 3, new SeededRandom(99));
    const draws = 50_000;
    const sums = new Float64Array(3);
    const products = new Float64Array(9);
    const draw = new Float64Array(3);
    for (let index = 0; index < draws; index++) {
      sampler.sample(draw);
      for (let i = 0; i < 3; i++) {
        sums[i]! += draw[i]!;
        for (let j = 0; j < 3; j++) products[i * 3 + j]! += draw[i]! * draw[j]!;
      }
    }
    const sampleCovariance = (i: number, j: number): number => (products[i * 3 + j]! - (sums[i]! * sums[j]!) / draws) / (draws - 1);
    for (let i = 0; i < 3; i++) {
      // Relative standard error of a sample variance is √(2/N)
      expect(Math.abs(sampleCovariance(i, i) / volatilities[i]! ** 2 - 1)).toBeLessThan(4 * Math.sqrt(2 / draws));
      for (let j = i + 1; j < 3; j++) {
        const rho = sampleCovariance(i, j) / Math.sqrt(sampleCovariance(i, i) * sampleCovariance(j, j));
        const target = correlation[i]![j]!;
        // Standard error of a sample correlation is about (1 − ρ²)/√N
        expect(Math.abs(rho - target)).toBeLessThan((4 * (1 - target * target)) / Math.sqrt(draws));
      }
    }
  });
});

describe('monteCarloPortfolioVaR', () => {
  const ewma = new EwmaCovariance({ size: 4 });
  for (let time = 0; time < 120; time++) {
    const common = testReturns(1, 500 + time, 0.01)[0]!;
    ewma.update(testReturns(4, time + 1, 0.01).map((value) => value + common));
  }
  const covariance = Float64Array.from(ewma.covariance());
  const weights = [0.4, 0.3, 0.5, -0.2];

  it('draws the same portfolio returns as weighting the sampler asset paths by w', () => {
    const mean = [0.001, 0, -0.0005, 0.0002];
    const simulated = simulatePortfolioReturns(covariance, weights, { paths: 200, seed: 11, horizon: 4, mean });
    const sampler = new CorrelatedNormalSampler(covariance, 4, new SeededRandom(11));
    const draw = new Float64Array(4);
    const drift = 4 * weights.reduce((sum, weight, index) => sum + weight * mean[index]!, 0);
    for (let path = 0; path < 200; path++) {
      sampler.sample(draw, 2);
      const expected = drift + weights.reduce((sum, weight, index) => sum + weight * draw[index]!, 0);
      expect(simulated[path]).toBeCloseTo(expected, 15);
    }
  });

  it('is reproducible and converges to the portfolio parametric VaR within 4 standard errors', () => {
    const paths = 100_000;
    const first = monteCarloPortfolioVaR(covariance, weights, 0.99, { paths, seed: 42 });
    expect(monteCarloPortfolioVaR(covariance, weights, 0.99, { paths, seed: 42, scratch: new Float64Array(paths) })).toBe(first);
    const deviation = Math.sqrt(portfolioVariance(covariance, weights));
    const tolerance = 4 * quantileStandardError(0.01, paths, deviation, 2.3263478740408408);
    expect(Math.abs(first - portfolioParametricVaR(covariance, weights, 0.99))).toBeLessThan(tolerance);
    const tenDay = monteCarloPortfolioVaR(covariance, weights, 0.99, { paths, seed: 42, horizon: 10 });
    expect(tenDay).toBeCloseTo(first * Math.sqrt(10), 14);
  });

  it('with one instrument draws the same paths as the single-series form', () => {
    const returns = testReturns(300, 31, 0.015).map((value) => value - 0.0002);
    const { mean, deviation } = meanAndDeviation(returns);
    const single = monteCarloVaR(returns, 0.975, { paths: 20_000, seed: 6, horizon: 5 });
    const portfolio = monteCarloPortfolioVaR([deviation * deviation], [1], 0.975, { paths: 20_000, seed: 6, horizon: 5, mean: [mean] });
    expect(portfolio).toBeCloseTo(single, 14);
  });

  it('rejects weights that do not match the covariance', () => {
    expect(() => monteCarloPortfolioVaR(covariance, [1, 1], 0.99, { paths: 10, seed: 1 })).toThrow(
      'covariance must have 4 values (a 2x2 row-major matrix), received 16',
    );
    expect(() => simulatePortfolioReturns(covariance, weights, { paths: 10, seed: 1, mean: [0] })).toThrow(
      'options.mean must have 4 values (one per instrument), received 1',
    );
  });
});
