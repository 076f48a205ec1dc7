/**
 * Highest (or lowest) of the last `period` values with a monotonic deque: amortised O(1) per push, preallocated.
 * Also reports how many pushes ago the extreme was seen; on ties the newest one counts unless `preferOldest`.
 * Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RollingExtreme {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** The extreme of the window (NaN when empty). */
  readonly value = new Float64Array(1).fill(Number.NaN);
  /** Pushes since the extreme was pushed (0 = the newest value). */
  readonly age = new Float64Array(1).fill(Number.NaN);
  private readonly sign: number;
  private readonly preferOldest: boolean;
  /** Deque slots: candidate values times `sign` (so the deque always keeps a maximum) and their sequence numbers. */
  private readonly keys: Float64Array;
  private readonly sequences: Float64Array;
  private front = 0;
  private size = 0;
  private pushes = 0;

  constructor(period: number, kind: 'max' | 'min', preferOldest = false) {
    this.period = period;
    this.sign = kind === 'max' ? 1 : -1;
    this.preferOldest = preferOldest;
    this.keys = new Float64Array(period);
    this.sequences = new Float64Array(period);
  }

  /** True once `period` values have been pushed. */
  get isFull(): boolean {
    return this.pushes >= this.period;
  }

  /** Adds `input[0]`, dropping the value `period` pushes old. */
  push(): void {
    const key = this.sign * this.input[0]!;
    const capacity = this.period;
    const keys = this.keys;
    // Expire the front first when it leaves the window, so the new value always has a free slot
    if (this.size > 0 && this.sequences[this.front]! <= this.pushes - capacity) {
      this.front = this.front + 1 === capacity ? 0 : this.front + 1;
      this.size--;
    }
    // Drop candidates from the back that the new value dominates
    while (this.size > 0) {
      let back = this.front + this.size - 1;
      if (back >= capacity) back -= capacity;
      const backKey = keys[back]!;
      if (backKey > key || (this.preferOldest && backKey === key)) break;
      this.size--;
    }
    let slot = this.front + this.size;
    if (slot >= capacity) slot -= capacity;
    keys[slot] = key;
    this.sequences[slot] = this.pushes;
    this.size++;
    this.value[0] = this.sign * keys[this.front]!;
    this.age[0] = this.pushes - this.sequences[this.front]!;
    this.pushes++;
  }

  clear(): void {
    this.front = 0;
    this.size = 0;
    this.pushes = 0;
    this.value[0] = Number.NaN;
    this.age[0] = Number.NaN;
  }
}
