import { SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { KnnLabelStore } from './knn-label-store.js';

interface Entry {
  slow: number;
  quick: number;
  label: number;
}

// Reference: sort every entry by (distance, store order) and sum the first k labels
function bruteForce(entries: readonly Entry[], slow: number, quick: number, k: number): number {
  return entries
    .map((entry, order) => ({ order, label: entry.label, distance: (entry.slow - slow) ** 2 + (entry.quick - quick) ** 2 }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, k)
    .reduce((sum, entry) => sum + entry.label, 0);
}

describe('KnnLabelStore', () => {
  it('labels the first entry 0, then +1 when the price is at least the previous one, else −1', () => {
    const store = new KnnLabelStore(10);
    expect([10, 11, 11, 9, 12].map((price) => store.append(0, 0, price))).toEqual([0, 1, 1, -1, 1]);
    expect(store.size).toBe(5);
    expect(store.predict(0, 0, 200)).toBe(2);
  });

  it('breaks ties at the k-th place in favour of the earlier-stored entry', () => {
    const store = new KnnLabelStore(10);
    store.append(5, 5, 10); // label 0, far away
    store.append(1, 0, 11); // +1, distance 1
    store.append(0, 1, 12); // +1, distance 1
    store.append(-1, 0, 11); // −1, distance 1
    expect(store.predict(0, 0, 1)).toBe(1);
    expect(store.predict(0, 0, 2)).toBe(2);
    expect(store.predict(0, 0, 3)).toBe(1);
    expect(store.predict(0, 0, 4)).toBe(1);
  });

  it('evicts the oldest entry beyond its capacity but labels against the last appended price', () => {
    const store = new KnnLabelStore(2);
    store.append(0, 0, 10);
    store.append(1, 1, 12);
    // Evicts the first entry; 11 < 12 gives −1
    expect(store.append(2, 2, 11)).toBe(-1);
    expect(store.size).toBe(2);
    expect(store.predict(0, 0, 5)).toBe(0);
    expect(store.predict(0, 0, 1)).toBe(1);
  });

  it('ranks points with NaN features last instead of looping', () => {
    const store = new KnnLabelStore(10);
    store.append(Number.NaN, 0, 10); // label 0
    store.append(3, 3, 9); // −1
    store.append(Number.NaN, 1, 12); // +1
    store.append(1, 1, 11); // −1
    expect(store.predict(0, 0, 1)).toBe(-1);
    expect(store.predict(0, 0, 3)).toBe(-2);
    expect(store.predict(Number.NaN, 0, 2)).toBe(0);
  });

  it('matches a sort-based vote for near and far consecutive queries, also after wrapping', () => {
    const random = new SeededRandom(3);
    const capacity = 300;
    const store = new KnnLabelStore(capacity);
    const entries: Entry[] = [];
    let price = 100;
    let slow = 50;
    let quick = 50;
    for (let step = 0; step < 900; step += 1) {
      price += random.normal();
      const point = { slow: random.int(40) * 2.5, quick: random.int(40) * 2.5 };
      const label = store.append(point.slow, point.quick, price);
      entries.push({ ...point, label });
      if (entries.length > capacity) entries.shift();
      // Mostly small moves, sometimes a jump across the plane
      const jump = step % 50 === 0;
      slow = jump ? random.next() * 100 : slow + random.normal();
      quick = jump ? random.next() * 100 : quick + random.normal();
      for (const k of [1, 7, 200]) expect(store.predict(slow, quick, k)).toBe(bruteForce(entries, slow, quick, k));
    }
  });
});
