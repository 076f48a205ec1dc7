import { describe, expect, it } from 'vitest';
import { daysFromCivil, weekdayOfDays } from './civil-date.js';
import { ZoneConverter, isValidTimeZone } from './zone-converter.js';

const utc = (text: string): number => Date.parse(text);
// Wall-clock reading written as if it were UTC
const local = (text: string): number => Date.parse(`${text}Z`);

describe('civil dates', () => {
  it('counts days from 1970-01-01 like Date.UTC and knows weekdays', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2020, 6, 29], [1969, 12, 31], [2100, 3, 1], [1600, 1, 1]] as const) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
      expect(weekdayOfDays(daysFromCivil(y, m, d))).toBe(new Date(Date.UTC(y, m - 1, d)).getUTCDay());
    }
  });
});

describe('ZoneConverter', () => {
  it('validates zone names', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('is the identity for UTC', () => {
    const zone = new ZoneConverter('UTC');
    expect(zone.isUtc).toBe(true);
    expect(zone.toUtc(local('2024-03-10T02:30:00'))).toBe(utc('2024-03-10T02:30:00Z'));
  });

  it('applies standard and daylight offsets of New York', () => {
    const zone = new ZoneConverter('America/New_York');
    expect(zone.toUtc(local('2024-01-15T09:30:00'))).toBe(utc('2024-01-15T14:30:00Z'));
    expect(zone.toUtc(local('2024-07-15T09:30:00'))).toBe(utc('2024-07-15T13:30:00Z'));
    expect(zone.offsetAt(utc('2024-07-15T13:30:00Z'))).toBe(-4 * 3_600_000);
  });

  it('resolves the spring-forward day: times before, in and after the gap', () => {
    const zone = new ZoneConverter('America/New_York');
    expect(zone.toUtc(local('2024-03-10T01:59:00'))).toBe(utc('2024-03-10T06:59:00Z'));
    // 02:30 does not exist: it moves forward by the one-hour gap to 03:30 EDT
    expect(zone.toUtc(local('2024-03-10T02:30:00'))).toBe(utc('2024-03-10T07:30:00Z'));
    expect(zone.toUtc(local('2024-03-10T03:00:00'))).toBe(utc('2024-03-10T07:00:00Z'));
    expect(zone.toUtc(local('2024-03-10T12:00:00'))).toBe(utc('2024-03-10T16:00:00Z'));
  });

  it('resolves the fall-back day: repeated hour to the earlier instant, or the later one on request', () => {
    const zone = new ZoneConverter('America/New_York');
    expect(zone.toUtc(local('2024-11-03T00:30:00'))).toBe(utc('2024-11-03T04:30:00Z'));
    expect(zone.toUtc(local('2024-11-03T01:30:00'))).toBe(utc('2024-11-03T05:30:00Z'));
    expect(zone.toUtc(local('2024-11-03T01:30:00'), true)).toBe(utc('2024-11-03T06:30:00Z'));
    expect(zone.toUtc(local('2024-11-03T02:00:00'))).toBe(utc('2024-11-03T07:00:00Z'));
    expect(zone.toUtc(local('2024-11-03T02:00:00'), true)).toBe(utc('2024-11-03T07:00:00Z'));
  });

  it('round-trips every quarter hour of a year in Jerusalem and Sydney against Intl', () => {
    for (const name of ['Asia/Jerusalem', 'Australia/Sydney']) {
      const zone = new ZoneConverter(name);
      const reference = new Intl.DateTimeFormat('en-US', {
        timeZone: name, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      });
      for (let t = utc('2024-01-01T00:00:00Z'); t < utc('2025-01-01T00:00:00Z'); t += 15 * 60_000) {
        const parts = Object.fromEntries(reference.formatToParts(t).map((part) => [part.type, part.value]));
        const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
        expect(zone.toLocal(t)).toBe(wall);
        const back = zone.toUtc(wall);
        const backLater = zone.toUtc(wall, true);
        // A repeated wall time has two instants; t must be one of them
        expect(back === t || backLater === t).toBe(true);
      }
    }
  });
});
