/** Parameters of the FVG gap lifecycle. */
export interface FairValueGapLifecycleSettings {
  /** Gaps older than this many bars expire. */
  readonly maxAge: number;
  /** Volumes averaged for the volume ratio of the mitigation strength. */
  readonly volumeWindow: number;
  /** A mitigation counts for `fvg_mitigation_signal/strength` for this many bars after it. */
  readonly mitigationLookback: number;
  /** `fvg_*_mitigated` look this many bars back (0: this bar only). */
  readonly mitigatedBarsBack: number;
}

// Bars-to-mitigate scale of the strength's speed term, fixed in the repo detector
const SPEED_SCALE_BARS = 20;

/**
 * The streaming FVG gap lifecycle (repo `FVGDetector`, golden §4.4): gaps are penetrated and mitigated by closes,
 * expire after `maxAge` bars, and produce the nearest-gap and mitigation features. Memory is fixed:
 * at most `maxAge + 2` gaps and one record per bar of the look-back ring.
 */
export class FairValueGapLifecycle {
  bullishCount = 0;
  bearishCount = 0;
  nearestLevel = 0;
  nearestAge = 0;
  gapSize = 0;
  gapSizePct = 0;
  mitigationSignal = 0;
  mitigationStrength = 0;
  mitigationDepth = 0;
  bullishMitigated = 0;
  bullishSize = 0;
  bullishLevel = 0;
  bearishMitigated = 0;
  bearishSize = 0;
  bearishLevel = 0;

  readonly #settings: FairValueGapLifecycleSettings;
  // Active gaps in creation order
  readonly #direction: Int8Array;
  readonly #upper: Float64Array;
  readonly #lower: Float64Array;
  readonly #creation: Float64Array;
  readonly #maxPenetration: Float64Array;
  #active = 0;
  readonly #volumes: Float64Array;
  // One record per recent bar: any mitigation, best strength, and the latest-created mitigated gap per side
  readonly #recordBar: Float64Array;
  readonly #recordAny: Uint8Array;
  readonly #recordStrength: Float64Array;
  readonly #recordBullishCreation: Float64Array;
  readonly #recordBullishSize: Float64Array;
  readonly #recordBullishLevel: Float64Array;
  readonly #recordBearishCreation: Float64Array;
  readonly #recordBearishSize: Float64Array;
  readonly #recordBearishLevel: Float64Array;

  constructor(settings: FairValueGapLifecycleSettings) {
    this.#settings = settings;
    const capacity = settings.maxAge + 2;
    this.#direction = new Int8Array(capacity);
    this.#upper = new Float64Array(capacity);
    this.#lower = new Float64Array(capacity);
    this.#creation = new Float64Array(capacity);
    this.#maxPenetration = new Float64Array(capacity);
    this.#volumes = new Float64Array(settings.volumeWindow);
    const records = Math.max(settings.mitigationLookback, settings.mitigatedBarsBack) + 1;
    this.#recordBar = new Float64Array(records).fill(-1);
    this.#recordAny = new Uint8Array(records);
    this.#recordStrength = new Float64Array(records);
    this.#recordBullishCreation = new Float64Array(records);
    this.#recordBullishSize = new Float64Array(records);
    this.#recordBullishLevel = new Float64Array(records);
    this.#recordBearishCreation = new Float64Array(records);
    this.#recordBearishSize = new Float64Array(records);
    this.#recordBearishLevel = new Float64Array(records);
  }

  /** Processes bar `index` (call on every bar, in order): adds the gap detected on it (direction 0 for none), updates gaps, computes the features. */
  process(index: number, close: number, volume: number, direction: number, lower: number, upper: number): void {
    const { maxAge } = this.#settings;
    if (direction !== 0) {
      const slot = this.#active;
      this.#direction[slot] = direction;
      this.#upper[slot] = upper;
      this.#lower[slot] = lower;
      this.#creation[slot] = index;
      this.#maxPenetration[slot] = 0;
      this.#active += 1;
    }
    // Volume ratio against the mean of the last volumeWindow volumes (1 when that mean is not positive)
    const volumes = this.#volumes;
    volumes[index % volumes.length] = volume;
    const firstVolume = Math.max(0, index - volumes.length + 1);
    let volumeSum = 0;
    for (let bar = firstVolume; bar <= index; bar += 1) volumeSum += volumes[bar % volumes.length] as number;
    const volumeMean = volumeSum / (index - firstVolume + 1);
    const volumeRatio = volumeMean <= 0 ? 1 : volume / volumeMean;
    const record = this.#openRecord(index);
    let kept = 0;
    for (let gap = 0; gap < this.#active; gap += 1) {
      const gapDirection = this.#direction[gap] as number;
      const gapUpper = this.#upper[gap] as number;
      const gapLower = this.#lower[gap] as number;
      const size = Math.abs(gapUpper - gapLower);
      let penetration = this.#maxPenetration[gap] as number;
      let mitigated = false;
      if (gapDirection === 1 && close < gapUpper) {
        penetration = Math.max(penetration, (gapUpper - close) / size);
        mitigated = close <= gapLower;
      } else if (gapDirection === -1 && close > gapLower) {
        penetration = Math.max(penetration, (close - gapLower) / size);
        mitigated = close >= gapUpper;
      }
      const creation = this.#creation[gap] as number;
      if (mitigated) {
        const age = index - creation;
        const strength = Math.min(
          1,
          0.4 * Math.min(penetration, 1) +
            0.3 * Math.max(0, 1 - age / SPEED_SCALE_BARS) +
            0.2 * Math.min(volumeRatio / 2, 1) +
            0.1 * Math.max(0, 1 - age / maxAge),
        );
        this.#recordMitigation(record, gapDirection, creation, strength, size, (gapUpper + gapLower) / 2);
        continue;
      }
      // Expiry happens after the mitigation check, on the same bar
      if (index - creation > maxAge) continue;
      this.#direction[kept] = gapDirection;
      this.#upper[kept] = gapUpper;
      this.#lower[kept] = gapLower;
      this.#creation[kept] = creation;
      this.#maxPenetration[kept] = penetration;
      kept += 1;
    }
    this.#active = kept;
    this.#computeGapFeatures(index, close);
    this.#computeMitigationFeatures(index);
  }

  /** Drops every gap and record. */
  reset(): void {
    this.#active = 0;
    this.#recordBar.fill(-1);
    this.bullishCount = this.bearishCount = 0;
  }

  #openRecord(index: number): number {
    const record = index % this.#recordBar.length;
    this.#recordBar[record] = index;
    this.#recordAny[record] = 0;
    this.#recordStrength[record] = 0;
    this.#recordBullishCreation[record] = -1;
    this.#recordBearishCreation[record] = -1;
    return record;
  }

  #recordMitigation(record: number, direction: number, creation: number, strength: number, size: number, level: number): void {
    this.#recordAny[record] = 1;
    this.#recordStrength[record] = Math.max(this.#recordStrength[record] as number, strength);
    // Gaps are visited in creation order, so the last one written is the most recently created
    if (direction === 1) {
      this.#recordBullishCreation[record] = creation;
      this.#recordBullishSize[record] = size;
      this.#recordBullishLevel[record] = level;
    } else {
      this.#recordBearishCreation[record] = creation;
      this.#recordBearishSize[record] = size;
      this.#recordBearishLevel[record] = level;
    }
  }

  #computeGapFeatures(index: number, close: number): void {
    let bullish = 0;
    let depth = 0;
    let nearest = -1;
    let nearestDistance = Number.POSITIVE_INFINITY;
    for (let gap = 0; gap < this.#active; gap += 1) {
      const direction = this.#direction[gap] as number;
      if (direction === 1) bullish += 1;
      depth = Math.max(depth, this.#maxPenetration[gap] as number);
      const farEdge = direction === 1 ? (this.#lower[gap] as number) : (this.#upper[gap] as number);
      const distance = Math.abs(close - farEdge);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = gap;
      }
    }
    this.bullishCount = bullish;
    this.bearishCount = this.#active - bullish;
    this.mitigationDepth = depth;
    if (nearest < 0) {
      this.nearestLevel = this.nearestAge = this.gapSize = this.gapSizePct = 0;
      return;
    }
    const upper = this.#upper[nearest] as number;
    const lower = this.#lower[nearest] as number;
    this.nearestLevel = this.#direction[nearest] === 1 ? upper : lower;
    this.nearestAge = index - (this.#creation[nearest] as number);
    this.gapSize = Math.abs(upper - lower);
    this.gapSizePct = (this.gapSize / close) * 100;
  }

  #computeMitigationFeatures(index: number): void {
    const { mitigationLookback, mitigatedBarsBack } = this.#settings;
    let signal = 0;
    let strength = 0;
    let bullishCreation = -1;
    let bearishCreation = -1;
    this.bullishMitigated = this.bullishSize = this.bullishLevel = 0;
    this.bearishMitigated = this.bearishSize = this.bearishLevel = 0;
    for (let record = 0; record < this.#recordBar.length; record += 1) {
      const bar = this.#recordBar[record] as number;
      if (bar < 0) continue;
      const back = index - bar;
      if (back <= mitigationLookback && this.#recordAny[record] === 1) {
        signal = 1;
        strength = Math.max(strength, this.#recordStrength[record] as number);
      }
      if (back > mitigatedBarsBack) continue;
      const bullish = this.#recordBullishCreation[record] as number;
      if (bullish > bullishCreation) {
        bullishCreation = bullish;
        this.bullishMitigated = 1;
        this.bullishSize = this.#recordBullishSize[record] as number;
        this.bullishLevel = this.#recordBullishLevel[record] as number;
      }
      const bearish = this.#recordBearishCreation[record] as number;
      if (bearish > bearishCreation) {
        bearishCreation = bearish;
        this.bearishMitigated = 1;
        this.bearishSize = this.#recordBearishSize[record] as number;
        this.bearishLevel = this.#recordBearishLevel[record] as number;
      }
    }
    this.mitigationSignal = signal;
    this.mitigationStrength = strength;
  }
}
