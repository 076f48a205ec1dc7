// The streaming building blocks against brute-force recomputation over the same windows
import { SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { CompensatedSum } from '../../src/classic/kernels/compensated-sum.js';
import { ExponentialAverage } from '../../src/classic/kernels/exponential-average.js';
import { RingBuffer } from '../../src/classic/kernels/ring-buffer.js';
import { RollingCovariance } from '../../src/classic/kernels/rolling-covariance.js';
import { RollingExtreme } from '../../src/classic/kernels/rolling-extreme.js';
import { RollingMeanDeviation } from '../../src/classic/kernels/rolling-mean-deviation.js';
import { RollingMoments } from '../../src/classic/kernels/rolling-moments.js';
import { RollingRegression } from '../../src/classic/kernels/rolling-regression.js';
import { RollingSum } from '../../src/classic/kernels/rolling-sum.js';
import { WeightedAverage } from '../../src/classic/kernels/weighted-average.js';

/** Integers 0–20 so that ties and duplicates are frequent. */
function coarseValues(count: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => random.int(21));
}

function smoothValues(count: number, seed: number, level = 0, spread = 1): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => level + spread * random.normal());
}

const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const close = (actual: number, expected: number, relative = 1e-9) => Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));

describe('RingBuffer', () => {
  it('tracks the oldest and the previous value as it fills and wraps', () => {
    const ring = new RingBuffer(3);
    const seen: number[][] = [];
    for (const x of [1, 2, 3, 4, 5]) {
      ring.input[0] = x;
      ring.push();
      seen.push([ring.oldest[0]!, ring.previous[0]!, ring.isFull ? 1 : 0]);
    }
    expect(seen).toEqual([
      [1, Number.NaN, 0],
      [1, 1, 0],
      [1, 2, 1],
      [2, 3, 1],
      [3, 4, 1],
    ]);
    ring.clear();
    expect(ring.isFull).toBe(false);
    expect(ring.oldest[0]).toBeNaN();
  });
});

describe('RollingExtreme (monotonic deque)', () => {
  for (const period of [1, 2, 5, 14]) {
    it(`matches a brute-force max/min and the age of the newest or oldest extreme, period ${period}`, () => {
      const values = coarseValues(2000, period);
      const kinds = [
        { deque: new RollingExtreme(period, 'max'), pick: Math.max, newest: true },
        { deque: new RollingExtreme(period, 'min'), pick: Math.min, newest: true },
        { deque: new RollingExtreme(period, 'max', true), pick: Math.max, newest: false },
        { deque: new RollingExtreme(period, 'min', true), pick: Math.min, newest: false },
      ];
      values.forEach((x, i) => {
        const window = values.slice(Math.max(0, i - period + 1), i + 1);
        for (const { deque, pick, newest } of kinds) {
          deque.input[0] = x;
          deque.push();
          const extreme = pick(...window);
          const index = newest ? window.lastIndexOf(extreme) : window.indexOf(extreme);
          expect(deque.value[0]).toBe(extreme);
          expect(deque.age[0]).toBe(window.length - 1 - index);
        }
      });
    });
  }
});

describe('RollingSum', () => {
  it('matches the exact window sum and mean, across its periodic exact recomputation', () => {
    const values = smoothValues(3000, 1, 50, 10);
    const window = new RollingSum(20);
    values.forEach((x, i) => {
      window.input[0] = x;
      window.push();
      const exact = values.slice(Math.max(0, i - 19), i + 1);
      expect(close(window.sum[0]!, exact.reduce((sum, v) => sum + v, 0), 1e-12)).toBe(true);
      expect(close(window.mean[0]!, mean(exact), 1e-12)).toBe(true);
    });
  });

  it('keeps a million slides at a 10,000 price level within 1e-9 of a fresh two-pass sum', () => {
    const random = new SeededRandom(9);
    const window = new RollingSum(50);
    const last: number[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const x = 10_000 + 100 * random.normal() + (i % 7) * 1e-3;
      window.input[0] = x;
      window.push();
      last.push(x);
      if (last.length > 50) last.shift();
    }
    expect(Math.abs(window.mean[0]! - mean(last))).toBeLessThan(1e-9);
  });
});

describe('CompensatedSum', () => {
  it('adds and removes values of very different sizes without losing the small ones', () => {
    const sum = new CompensatedSum();
    for (let i = 0; i < 100_000; i++) {
      for (const x of [1e16, 1, -1e16]) {
        sum.input[0] = x;
        sum.add();
      }
    }
    expect(sum.value[0]).toBe(100_000);
  });
});

describe('ExponentialAverage', () => {
  const push = (average: ExponentialAverage, x: number) => {
    average.input[0] = x;
    average.push();
    return average.value[0]!;
  };

  it('seeds with the simple average of the first period values, then smooths with alpha', () => {
    const average = new ExponentialAverage(4);
    expect([push(average, 1), push(average, 2), push(average, 3)].every(Number.isNaN)).toBe(true);
    expect(push(average, 6)).toBe(3);
    expect(push(average, 8)).toBeCloseTo(3 + 0.4 * (8 - 3), 15);
    const wilder = ExponentialAverage.wilder(2);
    push(wilder, 2);
    expect(push(wilder, 4)).toBe(3);
    expect(push(wilder, 7)).toBe(5);
  });
});

describe('WeightedAverage', () => {
  it('matches the weighted sum Σ i·x_i / Σ i over each window, across its periodic exact recomputation', () => {
    const values = smoothValues(3000, 2, 100, 5);
    const average = new WeightedAverage(9);
    values.forEach((x, i) => {
      average.input[0] = x;
      average.push();
      const value = average.value[0]!;
      if (i < 8) return expect(value).toBeNaN();
      const window = values.slice(i - 8, i + 1);
      const expected = window.reduce((sum, v, j) => sum + (j + 1) * v, 0) / 45;
      expect(close(value, expected, 1e-12)).toBe(true);
    });
  });
});

describe('RollingMoments', () => {
  it('matches two-pass mean and population variance, across re-anchoring', () => {
    const values = smoothValues(10_000, 3, 20_000, 2);
    const moments = new RollingMoments(30);
    values.forEach((x, i) => {
      moments.input[0] = x;
      moments.push();
      if (i < 29) return;
      const window = values.slice(i - 29, i + 1);
      const m = mean(window);
      const variance = window.reduce((sum, v) => sum + (v - m) ** 2, 0) / 30;
      expect(close(moments.mean[0]!, m, 1e-13)).toBe(true);
      expect(Math.abs(moments.variance[0]! - variance)).toBeLessThan(1e-9 * variance);
    });
  });

  it('stays accurate at a price level far from zero where E[x²] − E[x]² would cancel', () => {
    const values = smoothValues(5000, 4, 1e7, 0.01);
    const moments = new RollingMoments(20);
    for (const x of values) {
      moments.input[0] = x;
      moments.push();
    }
    const window = values.slice(-20);
    const m = mean(window);
    const variance = window.reduce((sum, v) => sum + (v - m) ** 2, 0) / 20;
    expect(Math.abs(moments.variance[0]! - variance) / variance).toBeLessThan(1e-6);
  });
});

describe('RollingCovariance', () => {
  it('matches two-pass covariance and Pearson correlation', () => {
    const xs = smoothValues(6000, 5, 500, 3);
    const noise = smoothValues(6000, 6);
    const ys = xs.map((x, i) => 1000 - 2 * x + 4 * noise[i]!);
    const window = new RollingCovariance(25);
    xs.forEach((x, i) => {
      window.input[0] = x;
      window.input[1] = ys[i]!;
      window.push();
      if (i < 24) return;
      const a = xs.slice(i - 24, i + 1);
      const b = ys.slice(i - 24, i + 1);
      const ma = mean(a);
      const mb = mean(b);
      const covariance = a.reduce((sum, v, j) => sum + (v - ma) * (b[j]! - mb), 0) / 25;
      const sa = Math.sqrt(a.reduce((sum, v) => sum + (v - ma) ** 2, 0) / 25);
      const sb = Math.sqrt(b.reduce((sum, v) => sum + (v - mb) ** 2, 0) / 25);
      expect(Math.abs(window.covariance[0]! - covariance)).toBeLessThan(1e-9 * sa * sb);
      expect(Math.abs(window.correlation[0]! - covariance / (sa * sb))).toBeLessThan(1e-9);
    });
  });

  it('reports 0 correlation for a constant series', () => {
    const window = new RollingCovariance(5);
    for (let i = 0; i < 10; i++) {
      window.input[0] = 3;
      window.input[1] = i;
      window.push();
    }
    expect(window.correlation[0]).toBe(0);
  });
});

describe('RollingRegression', () => {
  it('matches the closed-form least-squares slope and intercept of each window', () => {
    const values = smoothValues(6000, 7, 15_000, 4).map((v, i) => v + 0.3 * i);
    const regression = new RollingRegression(12);
    values.forEach((y, i) => {
      regression.input[0] = y;
      regression.push();
      if (i < 11) return;
      const window = values.slice(i - 11, i + 1);
      const mx = 5.5;
      const my = mean(window);
      const sxy = window.reduce((sum, v, x) => sum + (x - mx) * (v - my), 0);
      const sxx = window.reduce((sum, _, x) => sum + (x - mx) ** 2, 0);
      const slope = sxy / sxx;
      expect(Math.abs(regression.slope[0]! - slope)).toBeLessThan(1e-9);
      expect(close(regression.intercept[0]!, my - slope * mx, 1e-12)).toBe(true);
    });
  });
});

describe('RollingMeanDeviation (order-statistic treap)', () => {
  for (const [label, values] of [
    ['many duplicates', coarseValues(5000, 8)],
    ['continuous values', smoothValues(5000, 9, 100, 7)],
  ] as const) {
    it(`matches Σ|x − mean|/n over each window with ${label}`, () => {
      const window = new RollingMeanDeviation(20);
      values.forEach((x, i) => {
        window.input[0] = x;
        window.push();
        const exact = values.slice(Math.max(0, i - 19), i + 1);
        const m = mean(exact);
        const deviation = exact.reduce((sum, v) => sum + Math.abs(v - m), 0) / exact.length;
        expect(close(window.mean[0]!, m, 1e-12)).toBe(true);
        expect(Math.abs(window.meanDeviation[0]! - deviation)).toBeLessThan(1e-9 * Math.max(1, Math.abs(m)));
      });
    });
  }

  it('works with a window of one value and returns to empty on clear()', () => {
    const window = new RollingMeanDeviation(1);
    for (const x of [5, 9, 9, 2]) {
      window.input[0] = x;
      window.push();
      expect(window.mean[0]).toBe(x);
      expect(window.meanDeviation[0]).toBe(0);
    }
    window.clear();
    expect(window.mean[0]).toBeNaN();
    for (const x of [4, 8]) {
      window.input[0] = x;
      window.push();
    }
    expect(window.mean[0]).toBe(8);
  });
});
