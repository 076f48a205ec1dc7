import type { BarInput } from '@grandmodel/framework';

/** Direction of a detected gap: +1 bullish, −1 bearish, 0 none. */
export type GapDirection = -1 | 0 | 1;

/**
 * Three-bar fair value gap detection on standard candles (spec §3.3, golden §4.4).
 * At bar i: bullish if `L[i] > H[i−2]`, else bearish if `H[i] < L[i−2]`, each only when the middle body
 * exceeds `bodyMultiplier ×` the mean body of up to `lookbackPeriod` bars before it (floored at 0.001).
 */
export class FairValueGapDetector {
  /** Direction found by the latest `push`. */
  direction: GapDirection = 0;
  /** Lower edge of the latest gap (`H[i−2]` bullish, `H[i]` bearish). */
  lower = Number.NaN;
  /** Upper edge of the latest gap (`L[i]` bullish, `L[i−2]` bearish). */
  upper = Number.NaN;
  readonly #lookbackPeriod: number;
  readonly #bodyMultiplier: number;
  readonly #minGapPct: number;
  // Bodies of bars i−lookback−1..i, indexed by bar number modulo the length
  readonly #bodies: Float64Array;
  #highBack1 = Number.NaN;
  #lowBack1 = Number.NaN;
  #highBack2 = Number.NaN;
  #lowBack2 = Number.NaN;

  constructor(lookbackPeriod: number, bodyMultiplier: number, minGapPct: number) {
    this.#lookbackPeriod = lookbackPeriod;
    this.#bodyMultiplier = bodyMultiplier;
    this.#minGapPct = minGapPct;
    this.#bodies = new Float64Array(lookbackPeriod + 2);
  }

  /** Examines bar `index` (0-based) together with the two bars before it. */
  push(bar: BarInput, index: number): void {
    const bodies = this.#bodies;
    const ringLength = bodies.length;
    bodies[index % ringLength] = Math.abs(bar.close - bar.open);
    this.direction = 0;
    this.lower = this.upper = Number.NaN;
    if (index >= 2) {
      const first = Math.max(0, index - 1 - this.#lookbackPeriod);
      let sum = 0;
      for (let back = first; back <= index - 2; back += 1) sum += bodies[back % ringLength] as number;
      const average = Math.max(sum / (index - 1 - first), 0.001);
      const big = (bodies[(index - 1) % ringLength] as number) > average * this.#bodyMultiplier;
      if (big && bar.low > this.#highBack2) this.#accept(1, this.#highBack2, bar.low, bar.close);
      else if (big && bar.high < this.#lowBack2) this.#accept(-1, bar.high, this.#lowBack2, bar.close);
    }
    this.#highBack2 = this.#highBack1;
    this.#lowBack2 = this.#lowBack1;
    this.#highBack1 = bar.high;
    this.#lowBack1 = bar.low;
  }

  /** Forgets every bar. */
  reset(): void {
    this.direction = 0;
    this.lower = this.upper = Number.NaN;
    this.#highBack1 = this.#lowBack1 = this.#highBack2 = this.#lowBack2 = Number.NaN;
  }

  #accept(direction: GapDirection, lower: number, upper: number, close: number): void {
    // Optional "minimum gap" filter of the PRD; off (0) by default, as in the repo
    if (this.#minGapPct > 0 && ((upper - lower) / close) * 100 < this.#minGapPct) return;
    this.direction = direction;
    this.lower = lower;
    this.upper = upper;
  }
}
