import { SdkError } from '@grandmodel/framework';

/** Most grid levels a profile may span; a wider range means a wrong tick size or a bad price. */
export const MAX_PROFILE_LEVELS = 10_000_000;

/** Rounds a non-negative value that is within rounding noise of an integer: `floor(x + 0.5)`. */
export function nearestInteger(value: number): number {
  return Math.floor(value + 0.5);
}

/**
 * Zero-initialised, grid-snapped volume profile of a bar window and its nearest low-volume node (spec §3.4,
 * golden §4.5). Each bar's volume is spread evenly over the grid levels from its low to its high, oldest bar
 * first; levels below `(1 − strengthThreshold) ×` the POC volume are LVNs. The level buffer grows to the widest
 * window seen and is reused.
 */
export class GridVolumeProfile {
  /** Lowest low of the window: the price of level 0. */
  low = Number.NaN;
  /** Volume of the busiest level (point of control). */
  pocVolume = 0;
  /** Level index of the LVN nearest the close, or −1 when no level qualifies. */
  nearestLevel = -1;
  /** Price of that LVN, `low + level·tick`. */
  nearestPrice = Number.NaN;
  /** Volume of that LVN. */
  nearestVolume = Number.NaN;
  #levels = new Float64Array(1024);

  /**
   * Builds the profile of the `count` bars ending at ring slot `newestSlot` (rings of length `lows.length`)
   * and finds the LVN nearest `close`; on equal distance the lower price wins.
   */
  build(
    lows: Float64Array,
    highs: Float64Array,
    volumes: Float64Array,
    newestSlot: number,
    count: number,
    close: number,
    tickSize: number,
    strengthThreshold: number,
  ): void {
    const ringLength = lows.length;
    const oldestSlot = newestSlot - count + 1 + ringLength;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let offset = 0; offset < count; offset += 1) {
      const slot = (oldestSlot + offset) % ringLength;
      low = Math.min(low, lows[slot] as number);
      high = Math.max(high, highs[slot] as number);
    }
    const top = nearestInteger((high - low) / tickSize);
    if (!(top >= 0 && top < MAX_PROFILE_LEVELS)) {
      throw new SdkError(
        'GM_INPUT_INVALID',
        `LVN profile: lows/highs ${low}..${high} with tickSize ${tickSize} span ${top + 1} grid levels; ` +
          `expected finite prices and at most ${MAX_PROFILE_LEVELS} levels (is tickSize right for this instrument?)`,
      );
    }
    if (top + 1 > this.#levels.length) this.#levels = new Float64Array(Math.max(top + 1, 2 * this.#levels.length));
    const levels = this.#levels;
    levels.fill(0, 0, top + 1);
    for (let offset = 0; offset < count; offset += 1) {
      const slot = (oldestSlot + offset) % ringLength;
      const first = nearestInteger(((lows[slot] as number) - low) / tickSize);
      const last = nearestInteger(((highs[slot] as number) - low) / tickSize);
      const share = (volumes[slot] as number) / (last - first + 1);
      for (let level = first; level <= last; level += 1) levels[level] = (levels[level] as number) + share;
    }
    let poc = 0;
    for (let level = 0; level <= top; level += 1) poc = Math.max(poc, levels[level] as number);
    const threshold = poc * (1 - strengthThreshold);
    const center = Math.min(Math.max(nearestInteger((close - low) / tickSize), 0), top);
    let nearest = -1;
    const reach = Math.max(center, top - center);
    for (let distance = 0; distance <= reach && nearest < 0; distance += 1) {
      const below = center - distance;
      const above = center + distance;
      if (below >= 0 && (levels[below] as number) < threshold) nearest = below;
      else if (above <= top && (levels[above] as number) < threshold) nearest = above;
    }
    this.low = low;
    this.pocVolume = poc;
    this.nearestLevel = nearest;
    this.nearestPrice = nearest < 0 ? Number.NaN : low + nearest * tickSize;
    this.nearestVolume = nearest < 0 ? Number.NaN : (levels[nearest] as number);
  }
}
