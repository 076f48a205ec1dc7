import { describe, expect, it } from 'vitest';
import { DayEndCalendar } from './day-end-calendar.js';

describe('DayEndCalendar', () => {
  it('returns the next midnight UTC, strictly after the given time', () => {
    const calendar = new DayEndCalendar('00:00', 'UTC');
    expect(calendar.nextAfter(Date.UTC(2024, 0, 2, 23, 0))).toBe(Date.UTC(2024, 0, 3));
    expect(calendar.nextAfter(Date.UTC(2024, 0, 3))).toBe(Date.UTC(2024, 0, 4));
    expect(calendar.nextAfter(Date.UTC(2024, 11, 31, 12))).toBe(Date.UTC(2025, 0, 1));
  });

  it('follows New York daylight saving: 17:00 ET is 22:00 UTC in winter and 21:00 UTC in summer', () => {
    const calendar = new DayEndCalendar('17:00', 'America/New_York');
    expect(calendar.nextAfter(Date.UTC(2024, 0, 2, 21, 0))).toBe(Date.UTC(2024, 0, 2, 22, 0));
    expect(calendar.nextAfter(Date.UTC(2024, 0, 2, 22, 0))).toBe(Date.UTC(2024, 0, 3, 22, 0));
    expect(calendar.nextAfter(Date.UTC(2024, 6, 1, 12, 0))).toBe(Date.UTC(2024, 6, 1, 21, 0));
    // 18:00 EST on 9 March; clocks spring forward on 10 March, whose day ends at 17:00 EDT = 21:00 UTC
    expect(calendar.nextAfter(Date.UTC(2024, 2, 9, 23, 0))).toBe(Date.UTC(2024, 2, 10, 21, 0));
  });

  it('handles zones east of UTC', () => {
    const calendar = new DayEndCalendar('15:00', 'Asia/Tokyo');
    // 09:00 JST on 2 January → 15:00 JST = 06:00 UTC the same day
    expect(calendar.nextAfter(Date.UTC(2024, 0, 2, 0, 0))).toBe(Date.UTC(2024, 0, 2, 6, 0));
    // 23:30 UTC on 1 January is 08:30 JST on 2 January
    expect(calendar.nextAfter(Date.UTC(2024, 0, 1, 23, 30))).toBe(Date.UTC(2024, 0, 2, 6, 0));
  });
});
