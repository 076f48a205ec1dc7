/**
 * Online directional accuracy of each signal source, for the coordinator's gating mode: a source's vote at bar t is
 * scored at bar t + horizon as `sign(direction) · sign(close[t+h] / close[t] − 1)` (+1 right, −1 wrong, 0 when
 * flat or abstaining) and folded into an EWMA. Rings of `horizon` bars; O(sources) per bar, no allocation.
 */
export class SourceAccuracy {
  /** EWMA accuracy per source, in [−1, 1]; 0 before any score. */
  readonly accuracy: Float64Array;
  readonly #directions: Float64Array;
  readonly #closes: Float64Array;
  #bars = 0;

  constructor(
    readonly sources: number,
    readonly horizon: number,
    readonly decay: number,
  ) {
    this.accuracy = new Float64Array(sources);
    this.#directions = new Float64Array(sources * horizon);
    this.#closes = new Float64Array(horizon);
  }

  /**
   * Records one bar: first scores the votes made `horizon` bars ago against this close, then stores this bar's
   * votes (`directions[i]`, NaN for a source that did not report) and close.
   */
  update(close: number, directions: Float64Array): void {
    const slot = this.#bars % this.horizon;
    const offset = slot * this.sources;
    if (this.#bars >= this.horizon) {
      const then = this.#closes[slot] as number;
      const move = then > 0 ? Math.sign(close / then - 1) : 0;
      for (let i = 0; i < this.sources; i++) {
        const direction = this.#directions[offset + i] as number;
        if (Number.isNaN(direction) || direction === 0) continue;
        const score = Math.sign(direction) * move;
        this.accuracy[i] = (this.accuracy[i] as number) + this.decay * (score - (this.accuracy[i] as number));
      }
    }
    for (let i = 0; i < this.sources; i++) this.#directions[offset + i] = directions[i] as number;
    this.#closes[slot] = close;
    this.#bars++;
  }
}
