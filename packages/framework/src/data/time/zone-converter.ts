import { MS_PER_DAY, daysFromCivil } from './civil-date.js';

const HOUR = 3_600_000;
// Real UTC offsets lie within ±14 h, so a local day maps into this UTC window around it
const MAX_OFFSET = 14 * HOUR;

/** Returns true when `Intl` knows the IANA time zone name (e.g. `America/New_York`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts between wall-clock times of one IANA zone and UTC, using `Intl` (no time-zone data of its own).
 *
 * Wall-clock times are given as "local milliseconds": the epoch value the wall-clock reading would have
 * if the zone were UTC. Offsets are cached per local day, so a sorted stream of timestamps costs two
 * `Intl` calls per day; only days that contain a DST change are resolved row by row.
 *
 * A wall time that occurs twice (clocks set back) resolves to the earlier instant, or to the later one on
 * request; a wall time that does not exist (clocks set forward) is shifted forward by the length of the
 * gap. These are the rules of `Temporal`'s `compatible` disambiguation.
 */
export class ZoneConverter {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat | undefined;
  private cachedDay = Number.NaN;
  /** Offset of the cached local day, or NaN when the day contains a transition */
  private cachedOffset = 0;
  private offsetBefore = 0;
  private offsetAfter = 0;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    const fixedUtc = timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT' || timeZone === 'Etc/GMT';
    this.format = fixedUtc
      ? undefined
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  }

  /** Returns true when the zone is UTC, so conversion is the identity. */
  get isUtc(): boolean {
    return this.format === undefined;
  }

  /** Returns the zone's offset from UTC (local minus UTC, in milliseconds) at a UTC instant. */
  offsetAt(utcMs: number): number {
    if (this.format === undefined) return 0;
    const whole = Math.floor(utcMs / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(whole)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        default: break;
      }
    }
    const local = daysFromCivil(year, month, day) * MS_PER_DAY + hour * HOUR + minute * 60_000 + second * 1000;
    return local - whole;
  }

  /** Returns the wall-clock reading (as local milliseconds) of a UTC instant. */
  toLocal(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /**
   * Returns the UTC instant of a wall-clock reading (local milliseconds).
   * @param preferLater - for a wall time that occurs twice, return the second occurrence
   */
  toUtc(localMs: number, preferLater = false): number {
    if (this.format === undefined) return localMs;
    const day = Math.floor(localMs / MS_PER_DAY);
    if (day !== this.cachedDay) this.cacheDay(day);
    if (!Number.isNaN(this.cachedOffset)) return localMs - this.cachedOffset;
    return this.resolveAroundTransition(localMs, preferLater);
  }

  private cacheDay(day: number): void {
    const start = day * MS_PER_DAY;
    this.cachedDay = day;
    this.offsetBefore = this.offsetAt(start - MAX_OFFSET);
    this.offsetAfter = this.offsetAt(start + MS_PER_DAY + MAX_OFFSET);
    // Zones change offset at most once in ~52 hours, so equal ends mean one offset for the whole day
    this.cachedOffset = this.offsetBefore === this.offsetAfter ? this.offsetBefore : Number.NaN;
  }

  private resolveAroundTransition(localMs: number, preferLater: boolean): number {
    const before = this.offsetBefore;
    const after = this.offsetAfter;
    const withBefore = localMs - before;
    const withAfter = localMs - after;
    const beforeValid = this.offsetAt(withBefore) === before;
    const afterValid = this.offsetAt(withAfter) === after;
    if (beforeValid && afterValid) {
      return preferLater ? Math.max(withBefore, withAfter) : Math.min(withBefore, withAfter);
    }
    if (beforeValid) return withBefore;
    if (afterValid) return withAfter;
    // In a gap: keep the offset from before the change, which moves the reading forward by the gap
    return withBefore;
  }
}
