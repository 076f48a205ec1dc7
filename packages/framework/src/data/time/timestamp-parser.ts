import { parseDecimal } from '../csv/decimal-parser.js';
import { MS_PER_DAY, daysFromCivil, daysInMonth } from './civil-date.js';
import type { ZoneConverter } from './zone-converter.js';

/** How timestamps are written: `auto` recognises ISO 8601, epoch seconds/milliseconds and slash dates. */
export type TimestampFormat = 'auto' | 'iso' | 'epoch_s' | 'epoch_ms' | 'dmy' | 'mdy' | 'ymd';

/** Order of day and month in dates that do not start with the year (`29/06/2020` is `dmy`). */
export type DateOrder = 'dmy' | 'mdy';

/** `parse` result: the timestamp was read; `time` holds it. */
export const TIMESTAMP_PARSED = 0;
/** `parse` result: the text is not a timestamp in the configured format; `problem` says what was expected. */
export const TIMESTAMP_INVALID = 1;
/** `parse` result: a day/month value contradicts the date order (month 13 in a `dmy` file); `problem` explains. */
export const TIMESTAMP_WRONG_ORDER = 2;

const HOUR = 3_600_000;
const MINUTE = 60_000;
// Epoch values at or above this magnitude are milliseconds (1e11 s would be the year 5138)
const EPOCH_MS_THRESHOLD = 1e11;
const MAX_TIME = 8.64e15;

const SPACE = 32;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const SLASH = 47;
const DASH = 45;
const PLUS = 43;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * Reads timestamps from slices of a line without allocating: ISO 8601 (`2020-06-29T01:00:00`, optional
 * fraction and `Z`/`±hh:mm` offset), epoch seconds or milliseconds, and dates such as `29/06/2020 01:00:00`
 * or `2/7/2025 9:00` (optional seconds, fraction and AM/PM). Readings without an offset are wall-clock times
 * of the converter's zone.
 */
export class TimestampParser {
  /** Epoch milliseconds of the last successful parse. */
  time = 0;
  /** What was expected, when the last parse failed. */
  problem = '';
  // Wall-clock reading of the last parse (local ms), NaN when the text carried an offset or was epoch
  private localTime = Number.NaN;
  private cachedYear = -1;
  private cachedMonth = -1;
  private cachedDay = -1;
  private cachedDays = 0;
  private position = 0;
  private readonly format: TimestampFormat;
  private readonly dateOrder: DateOrder;
  private readonly zone: ZoneConverter;

  constructor(format: TimestampFormat, dateOrder: DateOrder, zone: ZoneConverter) {
    this.format = format;
    this.dateOrder = dateOrder;
    this.zone = zone;
  }

  /** Parses `text[start, end)` and returns TIMESTAMP_PARSED, TIMESTAMP_INVALID or TIMESTAMP_WRONG_ORDER. */
  parse(text: string, start: number, end: number): number {
    while (start < end && text.charCodeAt(start) <= SPACE) start++;
    while (end > start && text.charCodeAt(end - 1) <= SPACE) end--;
    this.localTime = Number.NaN;
    if (start === end) return this.fail(`${this.expectation()}; the field is empty`);
    if (this.format === 'epoch_s') return this.parseEpoch(text, start, end, 1000);
    if (this.format === 'epoch_ms') return this.parseEpoch(text, start, end, 1);
    let position = start;
    if (this.format === 'auto' && text.charCodeAt(position) === DASH) return this.parseEpoch(text, start, end, 0);
    while (position < end && isDigit(text.charCodeAt(position))) position++;
    const leading = position - start;
    if (this.format === 'auto' && leading > 0 && (position === end || (leading >= 5 && text.charCodeAt(position) === DOT))) {
      return this.parseEpoch(text, start, end, 0);
    }
    return this.parseDateTime(text, start, end, leading);
  }

  /**
   * Returns the second occurrence of the last parsed wall time when it occurs twice (clocks set back),
   * otherwise the same `time`. Lets a reader keep repeated wall-clock hours in order.
   */
  laterAlternative(): number {
    return Number.isNaN(this.localTime) ? this.time : this.zone.toUtc(this.localTime, true);
  }

  private parseEpoch(text: string, start: number, end: number, unit: number): number {
    const value = parseDecimal(text, start, end);
    if (Number.isNaN(value)) return this.fail(this.expectation());
    const scale = unit !== 0 ? unit : Math.abs(value) >= EPOCH_MS_THRESHOLD ? 1 : 1000;
    const time = Math.round(value * scale);
    if (Math.abs(time) > MAX_TIME) return this.fail(`${this.expectation()}; the value is out of the date range`);
    this.time = time;
    return TIMESTAMP_PARSED;
  }

  private parseDateTime(text: string, start: number, end: number, leading: number): number {
    const yearFirst = leading === 4;
    const separator = start + leading < end ? text.charCodeAt(start + leading) : -1;
    const formatAllows =
      this.format === 'auto' ? yearFirst || (leading >= 1 && leading <= 2)
      : this.format === 'iso' ? yearFirst && separator === DASH
      : this.format === 'ymd' ? yearFirst
      : leading >= 1 && leading <= 2;
    if (!formatAllows || (separator !== DASH && separator !== SLASH && separator !== DOT)) return this.fail(this.expectation());
    const first = this.number(text, start, start + leading);
    this.position = start + leading + 1;
    const second = this.readDigits(text, end, 1, 2);
    if (second < 0 || this.position >= end || text.charCodeAt(this.position) !== separator) return this.fail(this.expectation());
    this.position++;
    const third = this.readDigits(text, end, yearFirst ? 1 : 4, yearFirst ? 2 : 4);
    if (third < 0) return this.fail(this.expectation());

    let year: number;
    let month: number;
    let day: number;
    if (yearFirst) {
      year = first;
      month = second;
      day = third;
    } else {
      const order = this.format === 'dmy' || this.format === 'mdy' ? this.format : this.dateOrder;
      year = third;
      day = order === 'dmy' ? first : second;
      month = order === 'dmy' ? second : first;
      if (month > 12 && month <= 31 && day >= 1 && day <= 12) {
        const other = order === 'dmy' ? 'mdy' : 'dmy';
        const setting = this.format === 'auto' ? `dateOrder: '${other}'` : `timestampFormat: '${other}'`;
        this.problem = `month ${month} is impossible when dates are read as ${order}; the file looks ${order === 'dmy' ? 'month' : 'day'}-first (set ${setting})`;
        return TIMESTAMP_WRONG_ORDER;
      }
    }
    if (month < 1 || month > 12) return this.fail(`a valid date (month ${month} does not exist)`);
    if (day < 1 || day > daysInMonth(year, month)) return this.fail(`a valid date (day ${day} does not exist in ${year}-${String(month).padStart(2, '0')})`);

    let timeOfDay = 0;
    let offset = Number.NaN;
    if (this.position < end) {
      const code = text.charCodeAt(this.position);
      if (code !== 84 /* T */ && code !== SPACE) return this.fail(this.expectation());
      this.position++;
      while (this.position < end && text.charCodeAt(this.position) === SPACE) this.position++;
      timeOfDay = this.readTimeOfDay(text, end);
      if (timeOfDay < 0) return TIMESTAMP_INVALID;
      offset = this.readOffset(text, end);
      if (Number.isNaN(offset) && this.position !== end) return this.fail(this.expectation());
      if (offset === Number.POSITIVE_INFINITY) return TIMESTAMP_INVALID;
    }

    if (year !== this.cachedYear || month !== this.cachedMonth || day !== this.cachedDay) {
      this.cachedYear = year;
      this.cachedMonth = month;
      this.cachedDay = day;
      this.cachedDays = daysFromCivil(year, month, day);
    }
    const local = this.cachedDays * MS_PER_DAY + timeOfDay;
    if (Number.isNaN(offset)) {
      this.localTime = local;
      this.time = this.zone.toUtc(local);
    } else {
      this.time = local - offset;
    }
    return TIMESTAMP_PARSED;
  }

  // Returns milliseconds since midnight, or -1 after setting `problem`
  private readTimeOfDay(text: string, end: number): number {
    const hour = this.readDigits(text, end, 1, 2);
    if (hour < 0 || this.position >= end || text.charCodeAt(this.position) !== COLON) return this.failTime();
    this.position++;
    const minute = this.readDigits(text, end, 2, 2);
    if (minute < 0) return this.failTime();
    let second = 0;
    let millisecond = 0;
    if (this.position < end && text.charCodeAt(this.position) === COLON) {
      this.position++;
      second = this.readDigits(text, end, 2, 2);
      if (second < 0) return this.failTime();
      const mark = this.position < end ? text.charCodeAt(this.position) : -1;
      if (mark === DOT || mark === COMMA) {
        this.position++;
        const fractionStart = this.position;
        while (this.position < end && isDigit(text.charCodeAt(this.position))) this.position++;
        const length = this.position - fractionStart;
        if (length === 0) return this.failTime();
        // Milliseconds from the first three fraction digits; finer digits are dropped
        for (let i = 0; i < 3; i++) millisecond = millisecond * 10 + (i < length ? text.charCodeAt(fractionStart + i) - ZERO : 0);
      }
    }
    let hour24 = hour;
    let scan = this.position;
    while (scan < end && text.charCodeAt(scan) === SPACE) scan++;
    const meridiem = scan + 1 < end ? text.charCodeAt(scan) | 0x20 : 0;
    if ((meridiem === 97 /* a */ || meridiem === 112 /* p */) && (text.charCodeAt(scan + 1) | 0x20) === 109 /* m */) {
      if (hour < 1 || hour > 12) return this.failTime(`an hour 1-12 before AM/PM, was ${hour}`);
      hour24 = (hour % 12) + (meridiem === 112 ? 12 : 0);
      this.position = scan + 2;
    }
    if (hour24 > 23 || minute > 59 || second > 59) return this.failTime(`a valid time of day (hours 0-23, minutes and seconds 0-59)`);
    return hour24 * HOUR + minute * MINUTE + second * 1000 + millisecond;
  }

  // Returns the offset in ms, NaN when there is none, +Infinity after setting `problem` for a bad offset
  private readOffset(text: string, end: number): number {
    while (this.position < end && text.charCodeAt(this.position) === SPACE) this.position++;
    if (this.position >= end) return Number.NaN;
    const code = text.charCodeAt(this.position);
    if (code === 90 /* Z */ || code === 122 /* z */) {
      this.position++;
      return this.position === end ? 0 : this.failOffset();
    }
    if (code !== PLUS && code !== DASH) return Number.NaN;
    this.position++;
    const hours = this.readDigits(text, end, 2, 2);
    if (hours < 0) return this.failOffset();
    if (this.position < end && text.charCodeAt(this.position) === COLON) this.position++;
    const minutes = this.position < end ? this.readDigits(text, end, 2, 2) : 0;
    if (minutes < 0 || this.position !== end || hours > 23 || minutes > 59) return this.failOffset();
    const offset = hours * HOUR + minutes * MINUTE;
    return code === DASH ? -offset : offset;
  }

  // Reads min..max digits at `position`; returns the value or -1
  private readDigits(text: string, end: number, min: number, max: number): number {
    const start = this.position;
    let value = 0;
    while (this.position < end && this.position - start < max) {
      const code = text.charCodeAt(this.position);
      if (!isDigit(code)) break;
      value = value * 10 + (code - ZERO);
      this.position++;
    }
    return this.position - start < min ? -1 : value;
  }

  private number(text: string, start: number, end: number): number {
    let value = 0;
    for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - ZERO);
    return value;
  }

  private fail(problem: string): number {
    this.problem = problem;
    return TIMESTAMP_INVALID;
  }

  private failTime(problem = this.expectation()): number {
    this.problem = problem;
    return -1;
  }

  private failOffset(): number {
    this.problem = 'a UTC offset written Z, +hh:mm, +hhmm or +hh';
    return Number.POSITIVE_INFINITY;
  }

  private expectation(): string {
    switch (this.format) {
      case 'iso': return 'an ISO 8601 timestamp such as 2020-06-29T01:00:00 (optional fraction and Z or ±hh:mm offset)';
      case 'epoch_s': return 'epoch seconds such as 1593392400';
      case 'epoch_ms': return 'epoch milliseconds such as 1593392400000';
      case 'ymd': return 'a year-first date such as 2020/06/29 01:00:00';
      case 'dmy': return 'a day-first date such as 29/06/2020 01:00:00';
      case 'mdy': return 'a month-first date such as 06/29/2020 01:00:00';
      default: {
        const example = this.dateOrder === 'dmy' ? '29/06/2020 01:00' : '06/29/2020 01:00';
        return `a timestamp: ISO 8601 such as 2020-06-29T01:00:00, epoch seconds or milliseconds, or a ${this.dateOrder} date such as ${example}`;
      }
    }
  }
}
