import { describe, expect, it } from 'vitest';
import { cappedKellyFraction, kellyFraction } from '../src/math/index.js';

/** The f in (−1/b, 1) maximising p·ln(1 + b·f) + (1 − p)·ln(1 − f), by golden-section search. */
function maximiseLogGrowth(p: number, b: number): number {
  const growth = (f: number): number => p * Math.log(1 + b * f) + (1 - p) * Math.log(1 - f);
  let low = -1 / b + 1e-12;
  let high = 1 - 1e-12;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const left = high - ratio * (high - low);
    const right = low + ratio * (high - low);
    if (growth(left) < growth(right)) low = left;
    else high = right;
  }
  return (low + high) / 2;
}

describe('kellyFraction', () => {
  it('is p − (1 − p)/b on worked examples', () => {
    // Even-money bet won 60 % of the time: bet 20 %
    expect(kellyFraction({ winProbability: 0.6, payoffRatio: 1 })).toBeCloseTo(0.2, 15);
    // 2:1 payoff won 55 %: 0.55 − 0.45/2
    expect(kellyFraction({ winProbability: 0.55, payoffRatio: 2 })).toBeCloseTo(0.325, 15);
    // No edge: 1/3 at 2:1
    expect(kellyFraction({ winProbability: 1 / 3, payoffRatio: 2 })).toBeCloseTo(0, 15);
    // Negative edge stays negative (unclipped)
    expect(kellyFraction({ winProbability: 0.3, payoffRatio: 1 })).toBeCloseTo(-0.4, 15);
    expect(kellyFraction({ winProbability: 1, payoffRatio: 3 })).toBe(1);
  });

  it('maximises the expected log growth found numerically', () => {
    for (const [p, b] of [[0.6, 1], [0.55, 2], [0.45, 1.5], [0.3, 1], [0.7, 0.8], [0.52, 1.1]] as const) {
      expect(kellyFraction({ winProbability: p, payoffRatio: b })).toBeCloseTo(maximiseLogGrowth(p, b), 6);
    }
  });

  it('rejects probabilities outside [0, 1], non-positive payoffs and non-numbers', () => {
    expect(() => kellyFraction({ winProbability: 1.2, payoffRatio: 1 })).toThrow('winProbability must be in [0, 1], was 1.2');
    expect(() => kellyFraction({ winProbability: 0.5, payoffRatio: 0 })).toThrow('payoffRatio must be greater than 0, was 0');
    expect(() => kellyFraction({ winProbability: Number.NaN, payoffRatio: 1 })).toThrow('winProbability must be a finite number, was NaN');
    expect(() => kellyFraction({ winProbability: 0.5, payoffRatio: Number.POSITIVE_INFINITY })).toThrow(
      expect.objectContaining({ code: 'GM_INPUT_INVALID' }),
    );
  });
});

describe('cappedKellyFraction', () => {
  it('halves full Kelly by default and clips to ±0.25', () => {
    expect(cappedKellyFraction({ winProbability: 0.6, payoffRatio: 1 })).toBeCloseTo(0.1, 15);
    expect(cappedKellyFraction({ winProbability: 0.55, payoffRatio: 2 })).toBeCloseTo(0.1625, 15);
    // Full Kelly 0.8 → half 0.4 → capped 0.25
    expect(cappedKellyFraction({ winProbability: 0.9, payoffRatio: 1 })).toBe(0.25);
    // Full Kelly −0.6 → half −0.3 → capped −0.25
    expect(cappedKellyFraction({ winProbability: 0.2, payoffRatio: 1 })).toBe(-0.25);
    expect(cappedKellyFraction({ winProbability: 0.5, payoffRatio: 1 })).toBe(0);
  });

  it('applies a custom multiplier and bounds, e.g. long-only full Kelly up to 10 %', () => {
    const longOnly = { multiplier: 1, minimum: 0, maximum: 0.1 };
    expect(cappedKellyFraction({ winProbability: 0.3, payoffRatio: 1 }, longOnly)).toBe(0);
    expect(cappedKellyFraction({ winProbability: 0.52, payoffRatio: 1 }, longOnly)).toBeCloseTo(0.04, 15);
    expect(cappedKellyFraction({ winProbability: 0.7, payoffRatio: 1 }, longOnly)).toBe(0.1);
    expect(() => cappedKellyFraction({ winProbability: 0.6, payoffRatio: 1 }, { minimum: 0.2, maximum: 0.1 })).toThrow(
      'minimum (0.2) must be <= maximum (0.1)',
    );
    expect(() => cappedKellyFraction({ winProbability: 0.6, payoffRatio: 1 }, { multiplier: -1 })).toThrow('multiplier must be >= 0, was -1');
  });
});
