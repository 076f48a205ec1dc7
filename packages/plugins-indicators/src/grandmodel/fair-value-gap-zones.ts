/**
 * Research "active zone" flags of FVG (spec §3.3 variant (i), golden §4.4): a bullish zone stays active while
 * it is younger than `validityBars` and the close stays above its lower edge; a bearish zone while the close
 * stays below its upper edge. A zone that fails once is dropped for good. Holds at most `validityBars` zones per side.
 */
export class FairValueGapZones {
  bullishActive = false;
  bearishActive = false;
  readonly #validityBars: number;
  readonly #bullishStart: Float64Array;
  readonly #bullishLower: Float64Array;
  readonly #bearishStart: Float64Array;
  readonly #bearishUpper: Float64Array;
  #bullishCount = 0;
  #bearishCount = 0;

  constructor(validityBars: number) {
    this.#validityBars = validityBars;
    const capacity = validityBars + 1;
    this.#bullishStart = new Float64Array(capacity);
    this.#bullishLower = new Float64Array(capacity);
    this.#bearishStart = new Float64Array(capacity);
    this.#bearishUpper = new Float64Array(capacity);
  }

  /** Adds the gap detected at bar `index` (direction 0 for none), then filters both lists by the close. */
  push(index: number, close: number, direction: number, lower: number, upper: number): void {
    if (direction === 1) {
      this.#bullishStart[this.#bullishCount] = index;
      this.#bullishLower[this.#bullishCount] = lower;
      this.#bullishCount += 1;
    } else if (direction === -1) {
      this.#bearishStart[this.#bearishCount] = index;
      this.#bearishUpper[this.#bearishCount] = upper;
      this.#bearishCount += 1;
    }
    const validity = this.#validityBars;
    let kept = 0;
    for (let zone = 0; zone < this.#bullishCount; zone += 1) {
      const start = this.#bullishStart[zone] as number;
      const lowerEdge = this.#bullishLower[zone] as number;
      if (index - start < validity && close > lowerEdge) {
        this.#bullishStart[kept] = start;
        this.#bullishLower[kept] = lowerEdge;
        kept += 1;
      }
    }
    this.#bullishCount = kept;
    kept = 0;
    for (let zone = 0; zone < this.#bearishCount; zone += 1) {
      const start = this.#bearishStart[zone] as number;
      const upperEdge = this.#bearishUpper[zone] as number;
      if (index - start < validity && close < upperEdge) {
        this.#bearishStart[kept] = start;
        this.#bearishUpper[kept] = upperEdge;
        kept += 1;
      }
    }
    this.#bearishCount = kept;
    this.bullishActive = this.#bullishCount > 0;
    this.bearishActive = this.#bearishCount > 0;
  }

  /** Drops every zone. */
  reset(): void {
    this.#bullishCount = this.#bearishCount = 0;
    this.bullishActive = this.bearishActive = false;
  }
}
