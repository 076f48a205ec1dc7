/**
 * A fixed-capacity FIFO in a preallocated Float64Array: pushing into a full buffer evicts the oldest value.
 * Numbers go in and out through one-element arrays (see `CompensatedSum` for why).
 */
export class RingBuffer {
  readonly capacity: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** Oldest value held after the last push. */
  readonly oldest = new Float64Array(1).fill(Number.NaN);
  /** Value pushed just before the last one (NaN after the first push). */
  readonly previous = new Float64Array(1).fill(Number.NaN);
  private readonly data: Float64Array;
  /** Slot the next push writes. */
  private head = 0;
  private size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.data = new Float64Array(capacity);
  }

  get isFull(): boolean {
    return this.size === this.capacity;
  }

  /** Appends `input[0]`, evicting the oldest value when full. */
  push(): void {
    const data = this.data;
    const capacity = this.capacity;
    this.previous[0] = this.size === 0 ? Number.NaN : data[this.head === 0 ? capacity - 1 : this.head - 1]!;
    data[this.head] = this.input[0]!;
    this.head = this.head + 1 === capacity ? 0 : this.head + 1;
    if (this.size < capacity) this.size++;
    this.oldest[0] = this.size === capacity ? data[this.head]! : data[0]!;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.oldest[0] = Number.NaN;
    this.previous[0] = Number.NaN;
  }
}
