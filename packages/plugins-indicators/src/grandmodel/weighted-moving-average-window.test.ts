import { describe, expect, it } from 'vitest';
import { WeightedMovingAverageWindow } from './weighted-moving-average-window.js';

describe('WeightedMovingAverageWindow', () => {
  it('is 0 during warm-up, then weights the newest value highest', () => {
    const average = new WeightedMovingAverageWindow(3);
    expect(
      [1, 2, 3, 4, 5].map((value) => {
        average.push(value);
        return average.value;
      }),
    ).toEqual([0, 0, (3 * 3 + 2 * 2 + 1 * 1) / 6, (4 * 3 + 3 * 2 + 2 * 1) / 6, (5 * 3 + 4 * 2 + 3 * 1) / 6]);
  });

  it('starts over after reset', () => {
    const average = new WeightedMovingAverageWindow(2);
    average.push(10);
    average.push(20);
    average.reset();
    average.push(1);
    expect(average.value).toBe(0);
    average.push(4);
    expect(average.value).toBe((4 * 2 + 1) / 3);
  });
});
