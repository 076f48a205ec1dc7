import { describe, expect, it } from 'vitest';
import { RollingNormalizer } from './rolling-normalizer.js';

describe('RollingNormalizer', () => {
  it('tracks the cumulative mean and population variance during warm-up', () => {
    const normalizer = new RollingNormalizer(0.05);
    expect(normalizer.zScore(1)).toBe(0);
    for (const value of [1, 2, 3]) normalizer.update(value);
    expect(normalizer.mean).toBe(2);
    expect(normalizer.variance).toBeCloseTo(2 / 3, 15);
    expect(normalizer.zScore(3)).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
    expect(normalizer.zScore(100)).toBe(3);
    expect(normalizer.zScore(-100)).toBe(-3);
  });

  it('switches to exponential weighting after warmupSamples values', () => {
    const normalizer = new RollingNormalizer(0.5, 2);
    for (const value of [0, 2, 6]) normalizer.update(value);
    // After [0, 2]: mean 1, variance 1; then a = 0.5, d = 5: mean 3.5, variance 0.5 · (1 + 0.5 · 25)
    expect(normalizer.mean).toBe(3.5);
    expect(normalizer.variance).toBe(0.5 * (1 + 0.5 * 25));
  });

  it('returns 0 for a constant series and forgets everything on reset', () => {
    const normalizer = new RollingNormalizer(0.01);
    for (let index = 0; index < 5; index += 1) normalizer.update(4);
    expect(normalizer.zScore(5)).toBe(0);
    normalizer.reset();
    expect([normalizer.count, normalizer.mean, normalizer.variance]).toEqual([0, 0, 0]);
  });
});
