/**
 * A running total with Neumaier (improved Kahan) compensation, for cumulative sums that never restart
 * (OBV, the A/D line, session VWAP): plain `+=` would let rounding error random-walk for the whole run.
 *
 * Kernels take and give numbers through one-element Float64Arrays (`input`, `value`) and methods without number
 * arguments or results: V8 boxes a double passed to or returned from a call it does not inline, which would
 * allocate on every bar.
 */
export class CompensatedSum {
  /** Set `input[0]`, then call `add()`. */
  readonly input = new Float64Array(1);
  /** The compensated total. */
  readonly value = new Float64Array(1);
  private total = 0;
  private compensation = 0;

  /** Adds `input[0]` (negative to subtract). */
  add(): void {
    const x = this.input[0]!;
    const total = this.total;
    const next = total + x;
    if (Math.abs(total) >= Math.abs(x)) this.compensation += total - next + x;
    else this.compensation += x - next + total;
    this.total = next;
    this.value[0] = next + this.compensation;
  }

  /** Resets the total to 0. */
  clear(): void {
    this.total = 0;
    this.compensation = 0;
    this.value[0] = 0;
  }
}
