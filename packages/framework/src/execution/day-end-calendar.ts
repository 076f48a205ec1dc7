const SECOND_MS = 1_000;

/**
 * Finds when the trading day ends for DAY orders: the first instant strictly after a given time at which
 * the wall clock in `timeZone` reads `time` (HH:MM). Daylight-saving shifts are followed, so
 * 17:00 America/New_York is 21:00 UTC in summer and 22:00 UTC in winter.
 */
export class DayEndCalendar {
  private readonly hour: number;
  private readonly minute: number;
  private readonly utc: boolean;
  private readonly format: Intl.DateTimeFormat;

  /** `time` is HH:MM (24-hour), `timeZone` an IANA name such as `America/New_York` or `UTC`. */
  constructor(time: string, timeZone: string) {
    const [hour, minute] = time.split(':').map(Number);
    this.hour = hour ?? 0;
    this.minute = minute ?? 0;
    this.utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
    this.format = new Intl.DateTimeFormat('en-US', {
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

  /** Returns the first day end strictly after `time` (epoch ms). */
  nextAfter(time: number): number {
    const local = new Date(time + this.offsetAt(time));
    const year = local.getUTCFullYear();
    const month = local.getUTCMonth();
    const day = local.getUTCDate();
    // Two days ahead always suffices; the third guards against a day end skipped by a DST jump
    for (let ahead = 0; ahead <= 2; ahead++) {
      const candidate = this.localToUtc(year, month, day + ahead);
      if (candidate > time) return candidate;
    }
    return this.localToUtc(year, month, day + 3);
  }

  private localToUtc(year: number, month: number, day: number): number {
    const wall = Date.UTC(year, month, day, this.hour, this.minute);
    const first = wall - this.offsetAt(wall);
    // Re-read the offset at the first guess: it differs when a DST change lies between the two instants
    return wall - this.offsetAt(first);
  }

  // Milliseconds to add to UTC to read the wall clock of the time zone
  private offsetAt(time: number): number {
    if (this.utc) return 0;
    const parts = this.format.formatToParts(new Date(time));
    const value = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
    const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
    // The parts carry whole seconds, so compare with the time truncated to its second
    return wall - (time - (((time % SECOND_MS) + SECOND_MS) % SECOND_MS));
  }
}
