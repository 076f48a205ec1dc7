import { SdkError } from '../../errors/sdk-error.js';

/**
 * Keeps an evenly spaced sample of at most `capacity` items from a stream of unknown length:
 * items whose index is a multiple of the stride, with the stride doubling (and every other kept
 * item dropped) whenever the sample fills. Deterministic, with no randomness.
 */
export class StrideSampler<T> {
  private kept: T[] = [];
  private every = 1;
  private seen = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 2 && capacity % 2 === 0)) {
      throw new SdkError('GM_INPUT_INVALID', `StrideSampler option "capacity": expected an even integer >= 2, was ${String(capacity)}`);
    }
  }

  /** Items offered so far. */
  get total(): number {
    return this.seen;
  }

  /** Offers one item. */
  add(item: T): void {
    const index = this.seen++;
    if (index % this.every !== 0) return;
    if (this.kept.length === this.capacity) {
      this.kept = this.kept.filter((_, position) => position % 2 === 0);
      this.every *= 2;
      if (index % this.every !== 0) return;
    }
    this.kept.push(item);
  }

  /** The sample, in stream order. */
  items(): readonly T[] {
    return this.kept;
  }
}
