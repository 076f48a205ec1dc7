/**
 * Mean and mean absolute deviation Σ|x − mean|/n of the last `period` values in O(log n) per push.
 * The deviation around a moving mean cannot be updated from running sums, so the window is kept in an
 * order-statistic treap (preallocated node pool, subtree counts and sums): the values below the mean are summed in
 * one root-to-leaf walk. Subtree sums are rebuilt from their children on every change, so they do not drift.
 * Numbers go in and out through one-element arrays, and the recursive helpers take only node indices
 * (see `CompensatedSum` for why).
 */
export class RollingMeanDeviation {
  readonly period: number;
  /** Set `input[0]`, then call `push()`. */
  readonly input = new Float64Array(1);
  /** Mean of the window. */
  readonly mean = new Float64Array(1).fill(Number.NaN);
  /** Mean absolute deviation around the window mean. */
  readonly meanDeviation = new Float64Array(1).fill(Number.NaN);
  /** Window values in push order (ring), to know which one leaves. */
  private readonly window: Float64Array;
  private head = 0;
  private size = 0;
  private readonly keys: Float64Array;
  private readonly sums: Float64Array;
  private readonly sizes: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly priorities: Uint32Array;
  private readonly free: Int32Array;
  private freeCount = 0;
  private root = -1;
  private randomState = 0x9e3779b9;
  /** Key the current split or erase works with, and the two halves a split returns. */
  private readonly key = new Float64Array(1);
  private splitLeft = -1;
  private splitRight = -1;

  constructor(period: number) {
    this.period = period;
    this.window = new Float64Array(period);
    const capacity = period + 1;
    this.keys = new Float64Array(capacity);
    this.sums = new Float64Array(capacity);
    this.sizes = new Int32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.priorities = new Uint32Array(capacity);
    this.free = new Int32Array(capacity);
    this.clear();
  }

  get isFull(): boolean {
    return this.size === this.period;
  }

  /** Adds `input[0]`, dropping the value `period` pushes old. */
  push(): void {
    const x = this.input[0]!;
    if (this.size === this.period) {
      this.key[0] = this.window[this.head]!;
      this.root = this.erase(this.root);
    } else {
      this.size++;
    }
    this.window[this.head] = x;
    this.head = this.head + 1 === this.period ? 0 : this.head + 1;
    const node = this.free[--this.freeCount]!;
    this.keys[node] = x;
    this.sums[node] = x;
    this.sizes[node] = 1;
    this.left[node] = -1;
    this.right[node] = -1;
    this.assignPriority(node);
    this.key[0] = x;
    this.split(this.root);
    const above = this.splitRight;
    this.root = this.merge(this.merge(this.splitLeft, node), above);
    this.measure();
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
    this.root = -1;
    this.randomState = 0x9e3779b9;
    this.freeCount = this.free.length;
    for (let i = 0; i < this.free.length; i++) this.free[i] = i;
    this.mean[0] = Number.NaN;
    this.meanDeviation[0] = Number.NaN;
  }

  /** Updates `mean` and `meanDeviation` from the tree: one walk sums the values below the mean. */
  private measure(): void {
    const root = this.root;
    const n = this.sizes[root]!;
    const total = this.sums[root]!;
    const mean = total / n;
    let countBelow = 0;
    let sumBelow = 0;
    let node = root;
    while (node >= 0) {
      if (this.keys[node]! < mean) {
        const leftChild = this.left[node]!;
        if (leftChild >= 0) {
          countBelow += this.sizes[leftChild]!;
          sumBelow += this.sums[leftChild]!;
        }
        countBelow += 1;
        sumBelow += this.keys[node]!;
        node = this.right[node]!;
      } else {
        node = this.left[node]!;
      }
    }
    const deviation = mean * countBelow - sumBelow + (total - sumBelow) - mean * (n - countBelow);
    this.mean[0] = mean;
    this.meanDeviation[0] = deviation > 0 ? deviation / n : 0;
  }

  /** Recomputes a node's subtree size and sum from its children. */
  private pull(node: number): void {
    const leftChild = this.left[node]!;
    const rightChild = this.right[node]!;
    let size = 1;
    let sum = this.keys[node]!;
    if (leftChild >= 0) {
      size += this.sizes[leftChild]!;
      sum += this.sums[leftChild]!;
    }
    if (rightChild >= 0) {
      size += this.sizes[rightChild]!;
      sum += this.sums[rightChild]!;
    }
    this.sizes[node] = size;
    this.sums[node] = sum;
  }

  /** Gives a node its heap priority from a deterministic xorshift32 stream. */
  private assignPriority(node: number): void {
    let state = this.randomState;
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    this.randomState = state >>> 0;
    this.priorities[node] = this.randomState;
  }

  /** Splits the subtree at `node` into keys < `key[0]` (`splitLeft`) and keys >= `key[0]` (`splitRight`). */
  private split(node: number): void {
    if (node < 0) {
      this.splitLeft = -1;
      this.splitRight = -1;
      return;
    }
    if (this.keys[node]! < this.key[0]!) {
      this.split(this.right[node]!);
      this.right[node] = this.splitLeft;
      this.pull(node);
      this.splitLeft = node;
    } else {
      this.split(this.left[node]!);
      this.left[node] = this.splitRight;
      this.pull(node);
      this.splitRight = node;
    }
  }

  /** Joins two treaps where every key of `a` is <= every key of `b`; returns the root. */
  private merge(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    if (this.priorities[a]! > this.priorities[b]!) {
      this.right[a] = this.merge(this.right[a]!, b);
      this.pull(a);
      return a;
    }
    this.left[b] = this.merge(a, this.left[b]!);
    this.pull(b);
    return b;
  }

  /** Removes one node holding `key[0]` under `node`; returns the new subtree root. */
  private erase(node: number): number {
    if (node < 0) return node;
    const key = this.key[0]!;
    if (this.keys[node] === key) {
      const joined = this.merge(this.left[node]!, this.right[node]!);
      this.free[this.freeCount++] = node;
      return joined;
    }
    if (key < this.keys[node]!) this.left[node] = this.erase(this.left[node]!);
    else this.right[node] = this.erase(this.right[node]!);
    this.pull(node);
    return node;
  }
}
