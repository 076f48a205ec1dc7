import { SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { selectKthSmallest, selectKthSmallestBucketed } from './select-kth-smallest.js';

function randomValues(random: SeededRandom, length: number, distinct: number): Float64Array {
  const values = new Float64Array(length);
  for (let index = 0; index < length; index += 1) values[index] = random.int(distinct) / 7;
  return values;
}

describe('selectKthSmallest', () => {
  it('agrees with sorting for every rank, with and without duplicates', () => {
    const random = new SeededRandom(11);
    for (const [length, distinct] of [[1, 1], [2, 2], [37, 5], [200, 1000], [513, 3]] as const) {
      const values = randomValues(random, length, distinct);
      const sorted = [...values].sort((a, b) => a - b);
      for (let k = 0; k < length; k += Math.max(1, Math.floor(length / 9))) {
        expect(selectKthSmallest(Float64Array.from(values), length, k)).toBe(sorted[k]);
        const upper = sorted[length - 1] as number;
        expect(selectKthSmallestBucketed(Float64Array.from(values), length, k, upper, new Int32Array(16))).toBe(sorted[k]);
        expect(selectKthSmallestBucketed(Float64Array.from(values), length, k, Number.POSITIVE_INFINITY, new Int32Array(8))).toBe(sorted[k]);
      }
    }
  });

  it('looks only at the first `length` values', () => {
    expect(selectKthSmallest(Float64Array.from([5, 4, 3, -100]), 3, 0)).toBe(3);
    expect(selectKthSmallestBucketed(Float64Array.from([0, 0, 0]), 3, 1, 0, new Int32Array(4))).toBe(0);
  });
});
