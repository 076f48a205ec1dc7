import { describe, expect, it } from 'vitest';
import { parseInstant } from './parse-instant.js';
import { TIMESTAMP_INVALID, TIMESTAMP_PARSED, TIMESTAMP_WRONG_ORDER, TimestampParser, type DateOrder, type TimestampFormat } from './timestamp-parser.js';
import { ZoneConverter } from './zone-converter.js';

function parser(format: TimestampFormat = 'auto', dateOrder: DateOrder = 'dmy', zone = 'UTC'): TimestampParser {
  return new TimestampParser(format, dateOrder, new ZoneConverter(zone));
}

function read(instance: TimestampParser, text: string): number {
  const status = instance.parse(text, 0, text.length);
  if (status !== TIMESTAMP_PARSED) throw new Error(`status ${status}: ${instance.problem}`);
  return instance.time;
}

describe('TimestampParser', () => {
  it('reads ISO 8601 with and without offsets, fractions and a space separator', () => {
    const p = parser();
    expect(read(p, '2020-06-29T01:00:00')).toBe(Date.UTC(2020, 5, 29, 1));
    expect(read(p, '2020-06-29 01:00')).toBe(Date.UTC(2020, 5, 29, 1));
    expect(read(p, '2020-06-29')).toBe(Date.UTC(2020, 5, 29));
    expect(read(p, '2020-06-29T01:00:00.1234Z')).toBe(Date.UTC(2020, 5, 29, 1, 0, 0, 123));
    expect(read(p, '2020-06-29T01:00:00+02:00')).toBe(Date.UTC(2020, 5, 28, 23));
    expect(read(p, '2020-06-29T01:00:00-0530')).toBe(Date.UTC(2020, 5, 29, 6, 30));
    expect(read(p, '2020-06-29T01:00:00 +03')).toBe(Date.UTC(2020, 5, 28, 22));
    expect(read(p, '  2020-06-29T01:00:00Z ')).toBe(Date.parse('2020-06-29T01:00:00Z'));
  });

  it('reads both day-first formats of the vendor files', () => {
    const p = parser();
    expect(read(p, '29/06/2020 01:00:00')).toBe(Date.UTC(2020, 5, 29, 1));
    expect(read(p, '2/7/2025 9:00')).toBe(Date.UTC(2025, 6, 2, 9));
    expect(read(p, '02.07.2025 09:30')).toBe(Date.UTC(2025, 6, 2, 9, 30));
  });

  it('reads month-first dates with AM/PM when the order says so', () => {
    const p = parser('auto', 'mdy');
    expect(read(p, '7/2/2025 9:00 AM')).toBe(Date.UTC(2025, 6, 2, 9));
    expect(read(p, '7/2/2025 12:15:30 PM')).toBe(Date.UTC(2025, 6, 2, 12, 15, 30));
    expect(read(p, '7/2/2025 12:05 am')).toBe(Date.UTC(2025, 6, 2, 0, 5));
    expect(read(parser('mdy'), '12/31/2024 23:59:59')).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(read(parser('ymd'), '2024/12/31 23:59')).toBe(Date.UTC(2024, 11, 31, 23, 59));
  });

  it('reads epoch seconds and milliseconds by magnitude, or as configured', () => {
    const p = parser();
    expect(read(p, '1593392400')).toBe(1_593_392_400_000);
    expect(read(p, '1593392400000')).toBe(1_593_392_400_000);
    expect(read(p, '1593392400.25')).toBe(1_593_392_400_250);
    expect(read(parser('epoch_s'), '86400')).toBe(86_400_000);
    expect(read(parser('epoch_ms'), '86400')).toBe(86_400);
  });

  it('interprets readings without an offset in the configured zone', () => {
    const p = parser('auto', 'dmy', 'Asia/Jerusalem');
    expect(read(p, '29/06/2020 01:00:00')).toBe(Date.parse('2020-06-28T22:00:00Z'));
    expect(read(p, '2020-01-15T10:00:00')).toBe(Date.parse('2020-01-15T08:00:00Z'));
    // An explicit offset wins over the zone
    expect(read(p, '2020-01-15T10:00:00Z')).toBe(Date.parse('2020-01-15T10:00:00Z'));
  });

  it('offers the second occurrence of a repeated wall-clock hour', () => {
    const p = parser('iso', 'dmy', 'America/New_York');
    expect(read(p, '2024-11-03T01:30:00')).toBe(Date.parse('2024-11-03T05:30:00Z'));
    expect(p.laterAlternative()).toBe(Date.parse('2024-11-03T06:30:00Z'));
  });

  it('reports a month that contradicts the date order, naming the setting to change', () => {
    const p = parser();
    expect(p.parse('7/13/2025 9:00', 0, 14)).toBe(TIMESTAMP_WRONG_ORDER);
    expect(p.problem).toContain("month 13 is impossible when dates are read as dmy");
    expect(p.problem).toContain("dateOrder: 'mdy'");
    const q = parser('mdy');
    expect(q.parse('13/7/2025 9:00', 0, 14)).toBe(TIMESTAMP_WRONG_ORDER);
    expect(q.problem).toContain("timestampFormat: 'dmy'");
  });

  it('rejects text that is not a timestamp of the format, saying what was expected', () => {
    const cases: [TimestampFormat, string, string][] = [
      ['auto', 'abc', 'a timestamp: ISO 8601'],
      ['auto', '', 'the field is empty'],
      ['auto', '31/02/2021 10:00', 'day 31 does not exist in 2021-02'],
      ['auto', '40/40/2021 10:00', 'month 40 does not exist'],
      ['auto', '2021-01-01T25:00', 'a valid time of day'],
      ['auto', '2021-01-01T10:61', 'a valid time of day'],
      ['auto', '2021-01-01T10:00:00+2', 'a UTC offset'],
      ['auto', '2021-01-01X10:00', 'a timestamp'],
      ['iso', '01/01/2021', 'an ISO 8601 timestamp'],
      ['dmy', '2021-01-01', 'a day-first date'],
      ['epoch_ms', '2021-01-01', 'epoch milliseconds'],
      ['auto', '1/1/21 10:00', 'a timestamp'],
      ['auto', '13:00 1/1/2021', 'a timestamp'],
    ];
    for (const [format, text, expected] of cases) {
      const p = parser(format);
      expect(p.parse(text, 0, text.length), text).toBe(TIMESTAMP_INVALID);
      expect(p.problem, text).toContain(expected);
    }
  });

  it('never reads past the end of its slice', () => {
    const line = '2020-06-29,12:00';
    const p = parser('iso');
    expect(p.parse(line, 0, 10)).toBe(TIMESTAMP_PARSED);
    expect(p.time).toBe(Date.UTC(2020, 5, 29));
    expect(parser('auto').parse('29/06,2020', 0, 5)).toBe(TIMESTAMP_INVALID);
  });
});

describe('parseInstant', () => {
  it('reads epoch milliseconds, ISO dates and date-times in a zone', () => {
    expect(parseInstant(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseInstant('1700000000000')).toBe(1_700_000_000_000);
    expect(parseInstant('2024-01-02')).toBe(Date.UTC(2024, 0, 2));
    expect(parseInstant('2024-01-02T09:30', 'America/New_York')).toBe(Date.parse('2024-01-02T14:30:00Z'));
    expect(parseInstant('2024-01-02T09:30Z', 'America/New_York')).toBe(Date.parse('2024-01-02T09:30:00Z'));
    expect(parseInstant('next tuesday')).toBeUndefined();
  });
});
