import { selectKthSmallestBucketed } from './select-kth-smallest.js';

/**
 * MLMI's kNN training store: points `(fSlow, fQuick)` with a label in {−1, 0, +1}, kept in insertion order.
 * Bounded: once `capacity` entries are held, each append evicts the oldest (a ring), so memory is fixed at
 * construction (about 33 bytes per slot) and `predict` costs O(size).
 */
export class KnnLabelStore {
  readonly capacity: number;
  readonly #fSlow: Float64Array;
  readonly #fQuick: Float64Array;
  readonly #labels: Int8Array;
  // Squared distances by slot, and the candidate distances that selection may reorder
  readonly #distances: Float64Array;
  readonly #scratch: Float64Array;
  readonly #buckets = new Int32Array(64);
  #oldest = 0;
  #size = 0;
  #lastPrice = Number.NaN;
  #appended = 0;
  #radiusGuess = Number.POSITIVE_INFINITY;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#fSlow = new Float64Array(capacity);
    this.#fQuick = new Float64Array(capacity);
    this.#labels = new Int8Array(capacity);
    this.#distances = new Float64Array(capacity);
    this.#scratch = new Float64Array(capacity);
  }

  /** Number of entries held. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends a point and returns its label: 0 for the first entry ever, else +1 if `price` is at least the
   * price of the previously appended entry (even one since evicted), −1 otherwise.
   */
  append(fSlow: number, fQuick: number, price: number): number {
    const label = this.#appended === 0 ? 0 : price >= this.#lastPrice ? 1 : -1;
    const capacity = this.capacity;
    let slot: number;
    if (this.#size < capacity) {
      slot = (this.#oldest + this.#size) % capacity;
      this.#size += 1;
    } else {
      slot = this.#oldest;
      this.#oldest = (this.#oldest + 1) % capacity;
    }
    this.#fSlow[slot] = fSlow;
    this.#fQuick[slot] = fQuick;
    this.#labels[slot] = label;
    this.#lastPrice = price;
    this.#appended += 1;
    return label;
  }

  /**
   * Returns the sum of the labels of the `min(k, size)` entries nearest to `(fSlow, fQuick)` in squared
   * Euclidean distance; ties at the k-th place go to the earlier-stored entry. 0 when the store is empty.
   */
  predict(fSlow: number, fQuick: number, k: number): number {
    const size = this.#size;
    const labels = this.#labels;
    // Store order is slots oldest..capacity−1, then 0..oldest−1 (the ring wraps only once full)
    const oldest = this.#oldest;
    const firstRun = Math.min(size, this.capacity - oldest);
    if (k >= size) {
      let total = 0;
      for (let slot = 0; slot < size; slot += 1) total += labels[slot] as number;
      return total;
    }
    const distances = this.#distances;
    const scratch = this.#scratch;
    const storedSlow = this.#fSlow;
    const storedQuick = this.#fQuick;
    // Select among the entries within a guessed radius: consecutive queries are close, so twice the previous
    // k-th distance usually leaves about 2k candidates, and the scan stays branch-predictable
    let guess = this.#radiusGuess;
    let candidates = 0;
    for (let slot = 0; slot < size; slot += 1) {
      const deltaSlow = (storedSlow[slot] as number) - fSlow;
      const deltaQuick = (storedQuick[slot] as number) - fQuick;
      const squared = deltaSlow * deltaSlow + deltaQuick * deltaQuick;
      distances[slot] = squared;
      if (squared <= guess) {
        scratch[candidates] = squared;
        candidates += 1;
      }
    }
    while (candidates < k && guess < Number.POSITIVE_INFINITY) {
      guess = guess > 0 ? guess * 4 : Number.POSITIVE_INFINITY;
      candidates = 0;
      for (let slot = 0; slot < size; slot += 1) {
        const squared = distances[slot] as number;
        if (squared <= guess) {
          scratch[candidates] = squared;
          candidates += 1;
        }
      }
    }
    // Only NaN distances (points with NaN features) are never candidates; they rank last
    const rank = Math.min(k, candidates);
    if (rank === 0) return 0;
    const boundary = selectKthSmallestBucketed(scratch, candidates, rank - 1, guess, this.#buckets);
    this.#radiusGuess = boundary * 2;
    let total = 0;
    let taken = 0;
    for (let slot = 0; slot < size; slot += 1) {
      if ((distances[slot] as number) < boundary) {
        total += labels[slot] as number;
        taken += 1;
      }
    }
    // Fill the remaining places with entries exactly at the boundary, earliest stored first
    for (let position = 0; position < size && taken < rank; position += 1) {
      const slot = position < firstRun ? oldest + position : position - firstRun;
      if ((distances[slot] as number) === boundary) {
        total += labels[slot] as number;
        taken += 1;
      }
    }
    return total;
  }

  /** Empties the store. */
  reset(): void {
    this.#oldest = 0;
    this.#size = 0;
    this.#appended = 0;
    this.#lastPrice = Number.NaN;
    this.#radiusGuess = Number.POSITIVE_INFINITY;
  }
}
