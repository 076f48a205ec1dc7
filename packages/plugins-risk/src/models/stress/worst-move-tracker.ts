/**
 * The worst fall and the worst rise over `bars` consecutive bars seen so far, per instrument slot:
 * min and max of close_t / close_(t−bars) − 1. A ring of the last bars + 1 closes per slot;
 * `onClose` is O(1) and allocation-free. Both start at 0 (no move seen is no loss).
 */
export class WorstMoveTracker {
  /** Most negative N-bar return per slot (≤ 0). */
  readonly worstFall: Float64Array;
  /** Most positive N-bar return per slot (≥ 0). */
  readonly worstRise: Float64Array;
  private readonly closes: Float64Array;
  private readonly counts: Float64Array;
  private readonly span: number;

  constructor(
    capacity: number,
    readonly bars: number,
  ) {
    this.span = bars + 1;
    this.closes = new Float64Array(capacity * this.span);
    this.counts = new Float64Array(capacity);
    this.worstFall = new Float64Array(capacity);
    this.worstRise = new Float64Array(capacity);
  }

  /** Records the next close of the instrument in `slot`. */
  onClose(slot: number, close: number): void {
    const count = this.counts[slot];
    const offset = slot * this.span;
    this.closes[offset + (count % this.span)] = close;
    this.counts[slot] = count + 1;
    if (count < this.bars) return;
    // The close `bars` steps back sits in the slot the next write will reuse
    const past = this.closes[offset + ((count + 1) % this.span)];
    const move = close / past - 1;
    if (move < this.worstFall[slot]) this.worstFall[slot] = move;
    if (move > this.worstRise[slot]) this.worstRise[slot] = move;
  }

  /** The worst move against a position of sign `side` (a fall for longs, a rise for shorts). */
  adverse(slot: number, side: number): number {
    return side > 0 ? this.worstFall[slot] : side < 0 ? this.worstRise[slot] : 0;
  }
}
