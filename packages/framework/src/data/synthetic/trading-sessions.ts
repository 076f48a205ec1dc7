import { MS_PER_DAY, weekdayOfDays } from '../time/civil-date.js';
import { ZoneConverter } from '../time/zone-converter.js';

/** One trading session, UTC epoch milliseconds, `end` exclusive. */
export interface TradingSession {
  readonly start: number;
  readonly end: number;
}

/** Daily session rule: wall-clock open and close in a zone, optionally without weekend sessions. */
export interface SessionRule {
  readonly timezone: string;
  /** `HH:MM`; an open at or after the close starts on the evening before the trading day. */
  readonly open: string;
  readonly close: string;
  /** When true only Monday–Friday are trading days (Monday's session may open on Sunday evening). */
  readonly weekends: boolean;
}

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Lists the trading sessions of a rule, converting wall-clock opens and closes to UTC (DST-aware). */
export class TradingSessions {
  /** Nominal session length in minutes (a DST change day is an hour longer or shorter). */
  readonly lengthMinutes: number;
  private readonly zone: ZoneConverter;
  private readonly openMinutes: number;
  private readonly closeMinutes: number;
  private readonly overnight: boolean;

  constructor(private readonly rule: SessionRule) {
    this.zone = new ZoneConverter(rule.timezone);
    this.openMinutes = minutesOf(rule.open);
    this.closeMinutes = minutesOf(rule.close);
    this.overnight = this.openMinutes >= this.closeMinutes;
    this.lengthMinutes = this.closeMinutes - this.openMinutes + (this.overnight ? 24 * 60 : 0);
  }

  /** Number of trading days in a year: 252 with weekends off, 365 otherwise. */
  get tradingDaysPerYear(): number {
    return this.rule.weekends ? 252 : 365;
  }

  /** Yields, in order, every session that overlaps [from, to). */
  *between(from: number, to: number): Generator<TradingSession> {
    const firstDay = Math.floor(this.zone.toLocal(from) / MS_PER_DAY) - 1;
    const lastDay = Math.floor(this.zone.toLocal(to) / MS_PER_DAY) + 1;
    for (let day = firstDay; day <= lastDay; day++) {
      const weekday = weekdayOfDays(day);
      if (this.rule.weekends && (weekday === 0 || weekday === 6)) continue;
      const openDay = this.overnight ? day - 1 : day;
      const start = this.zone.toUtc(openDay * MS_PER_DAY + this.openMinutes * 60_000);
      const end = this.zone.toUtc(day * MS_PER_DAY + this.closeMinutes * 60_000);
      if (end <= from || start >= to) continue;
      yield { start, end };
    }
  }
}
