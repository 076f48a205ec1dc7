import { SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { backoffOptions, ExponentialBackoff } from './backoff.js';

describe('ExponentialBackoff', () => {
  it('doubles from the initial delay up to the cap, and starts over after a reset', () => {
    const backoff = new ExponentialBackoff(backoffOptions.parse({ initialMs: 100, maxMs: 1_000, factor: 2 }));
    expect(Array.from({ length: 6 }, () => backoff.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoff.attempts).toBe(6);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });

  it('jitters within ±jitter of the base delay, the same way for the same seed', () => {
    const options = backoffOptions.parse({ initialMs: 1_000, maxMs: 100_000, factor: 3, jitter: 0.2 });
    const first = new ExponentialBackoff(options, new SeededRandom(7));
    const second = new ExponentialBackoff(options, new SeededRandom(7));
    const delays = Array.from({ length: 4 }, () => first.next());
    expect(Array.from({ length: 4 }, () => second.next())).toEqual(delays);
    [1_000, 3_000, 9_000, 27_000].forEach((base, index) => {
      expect(delays[index]).toBeGreaterThanOrEqual(base * 0.8);
      expect(delays[index]).toBeLessThanOrEqual(base * 1.2);
    });
  });
});
