import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.js';
import { BucketDownsampler } from './bucket-downsampler.js';
import { StrideSampler } from './stride-sampler.js';

/** Smallest power of two s with rows <= capacity × s: the stride both samplers must end on. */
function expectedStride(rows: number, capacity: number): number {
  let stride = 1;
  while (rows > capacity * stride) stride *= 2;
  return stride;
}

describe('BucketDownsampler', () => {
  for (const rows of [1, 7, 8, 9, 100, 1000, 12_345]) {
    it(`folds ${rows} rows into candles equal to a brute-force grouping`, () => {
      const capacity = 8;
      const random = new SeededRandom(rows);
      const sampler = new BucketDownsampler(['first', 'max', 'min', 'last', 'sum'], capacity);
      const table: number[][] = [];
      for (let i = 0; i < rows; i++) {
        const row = [i, random.normal(), random.normal(), random.normal(), 1 + random.int(9)];
        table.push(row);
        sampler.add(row);
      }
      const stride = expectedStride(rows, capacity);
      expect(sampler.stride).toBe(stride);
      expect(sampler.totalRows).toBe(rows);
      // Independent grouping: consecutive chunks of `stride` rows, the last one possibly short
      const groups: number[][][] = [];
      for (let start = 0; start < rows; start += stride) groups.push(table.slice(start, start + stride));
      expect(sampler.length).toBe(groups.length);
      const [first, high, low, last, volume] = sampler.toColumns() as [number[], number[], number[], number[], number[]];
      groups.forEach((group, index) => {
        expect(first[index]).toBe(group[0]![0]);
        expect(high[index]).toBe(Math.max(...group.map((row) => row[1]!)));
        expect(low[index]).toBe(Math.min(...group.map((row) => row[2]!)));
        expect(last[index]).toBe(group[group.length - 1]![3]);
        expect(volume[index]).toBe(group.reduce((sum, row) => sum + row[4]!, 0));
      });
    });
  }

  it('rejects an odd capacity', () => {
    expect(() => new BucketDownsampler(['last'], 3)).toThrow(/"capacity": expected an even integer >= 2, was 3/);
  });
});

describe('StrideSampler', () => {
  for (const total of [0, 5, 6, 7, 50, 999]) {
    it(`keeps every stride-th of ${total} items, at most the capacity`, () => {
      const sampler = new StrideSampler<number>(6);
      for (let i = 0; i < total; i++) sampler.add(i);
      const stride = expectedStride(total, 6);
      const expected: number[] = [];
      for (let i = 0; i < total; i += stride) expected.push(i);
      expect(sampler.items()).toEqual(expected);
      expect(sampler.items().length).toBeLessThanOrEqual(6);
      expect(sampler.total).toBe(total);
    });
  }
});
