import { describe, expect, it } from 'vitest';
import { componentVaR, portfolioParametricVaR, portfolioVariance } from '../src/math/index.js';

const z99 = 2.3263478740408408;

/** Row-major covariance from volatilities and a correlation matrix given as nested arrays. */
function covarianceOf(volatilities: number[], correlation: number[][]): Float64Array {
  const size = volatilities.length;
  const result = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) result[i * size + j] = correlation[i]![j]! * volatilities[i]! * volatilities[j]!;
  }
  return result;
}

describe('portfolio parametric VaR', () => {
  const volatilities = [0.02, 0.01, 0.03];
  const correlation = [
    [1, 0.5, -0.2],
    [0.5, 1, 0.3],
    [-0.2, 0.3, 1],
  ];
  const covariance = covarianceOf(volatilities, correlation);

  it('computes wᵀΣw like the expanded two-instrument formula', () => {
    const pair = covarianceOf([0.02, 0.01], [[1, 0.5], [0.5, 1]]);
    const weights = [0.6, 0.4];
    const expected = 0.6 ** 2 * 0.02 ** 2 + 0.4 ** 2 * 0.01 ** 2 + 2 * 0.6 * 0.4 * 0.5 * 0.02 * 0.01;
    expect(portfolioVariance(pair, weights)).toBeCloseTo(expected, 18);
    expect(portfolioParametricVaR(pair, weights, 0.99)).toBeCloseTo(z99 * Math.sqrt(expected), 15);
    expect(portfolioParametricVaR(pair, weights, 0.99, { horizon: 10 })).toBeCloseTo(z99 * Math.sqrt(10 * expected), 15);
  });

  it('reduces to |w|·σ·z for a single instrument, long or short', () => {
    expect(portfolioParametricVaR([0.0004], [1], 0.99)).toBeCloseTo(z99 * 0.02, 15);
    expect(portfolioParametricVaR([0.0004], [-0.5], 0.99)).toBeCloseTo(z99 * 0.01, 15);
  });

  it('splits VaR into Euler components that sum to the total and equal wᵢ·∂VaR/∂wᵢ', () => {
    const weights = [0.5, 0.8, -0.3];
    const total = portfolioParametricVaR(covariance, weights, 0.99);
    const components = componentVaR(covariance, weights, 0.99);
    expect(components.reduce((sum, value) => sum + value, 0)).toBeCloseTo(total, 15);
    for (let index = 0; index < 3; index++) {
      const step = 1e-6;
      const up = [...weights];
      const down = [...weights];
      up[index]! += step;
      down[index]! -= step;
      const derivative = (portfolioParametricVaR(covariance, up, 0.99) - portfolioParametricVaR(covariance, down, 0.99)) / (2 * step);
      expect(components[index]).toBeCloseTo(weights[index]! * derivative, 9);
    }
  });

  it('gives a hedge a negative component and zero variance zero components', () => {
    const pair = covarianceOf([0.02, 0.02], [[1, 0.9], [0.9, 1]]);
    const components = componentVaR(pair, [1, -0.3], 0.95, undefined, new Float64Array(2));
    expect(components[1]).toBeLessThan(0);
    expect([...componentVaR(new Float64Array(4), [1, 1], 0.95)]).toEqual([0, 0]);
    expect(portfolioParametricVaR(new Float64Array(4), [1, 1], 0.95)).toBe(0);
  });

  it('rejects a covariance that does not match the weights and non-finite weights', () => {
    expect(() => portfolioVariance(new Float64Array(3), [1, 1])).toThrow(
      'covariance must have 4 values (a 2x2 row-major matrix for 2 weights), received 3',
    );
    expect(() => portfolioVariance([1, 0, 0, Number.NaN], [1, 1])).toThrow('covariance[3] must be a finite number, was NaN');
    expect(() => portfolioVariance([1], [Number.NaN])).toThrow('weights[0] must be a finite number, was NaN');
    // A bad entry is found even where a zero weight would hide it from the sum
    expect(() => portfolioVariance([1, Number.POSITIVE_INFINITY, 0, 1], [1, 0])).toThrow('covariance[1] must be a finite number, was Infinity');
    expect(() => portfolioParametricVaR([1, 0, 0, Number.NaN], [1, 0], 0.95)).toThrow('covariance[3] must be a finite number, was NaN');
    expect(() => portfolioVariance([], [])).toThrow('weights must contain at least one value, was empty');
  });
});
