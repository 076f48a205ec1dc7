import { describe, expect, it } from 'vitest';
import { TradingSessions } from './trading-sessions.js';

const iso = (time: number): string => new Date(time).toISOString().slice(0, 16);

describe('TradingSessions', () => {
  it('lists CME-style sessions: Sunday 18:00 to Friday 17:00 New York, one-hour daily break, DST-aware', () => {
    const sessions = new TradingSessions({ timezone: 'America/New_York', open: '18:00', close: '17:00', weekends: true });
    expect(sessions.lengthMinutes).toBe(23 * 60);
    const list = [...sessions.between(Date.parse('2024-03-07T00:00:00Z'), Date.parse('2024-03-12T00:00:00Z'))];
    // Thu 7 (EST, UTC-5) … Fri 8; Monday 11's session opens Sunday 10 18:00 EDT (UTC-4)
    expect(list.map((session) => [iso(session.start), iso(session.end)])).toEqual([
      ['2024-03-06T23:00', '2024-03-07T22:00'],
      ['2024-03-07T23:00', '2024-03-08T22:00'],
      ['2024-03-10T22:00', '2024-03-11T21:00'],
      ['2024-03-11T22:00', '2024-03-12T21:00'],
    ]);
  });

  it('lists same-day sessions every day when weekends trade', () => {
    const sessions = new TradingSessions({ timezone: 'Europe/London', open: '08:00', close: '16:30', weekends: false });
    expect(sessions.lengthMinutes).toBe(8 * 60 + 30);
    const list = [...sessions.between(Date.parse('2024-07-06T00:00:00Z'), Date.parse('2024-07-08T00:00:00Z'))];
    expect(list.map((session) => [iso(session.start), iso(session.end)])).toEqual([
      ['2024-07-06T07:00', '2024-07-06T15:30'],
      ['2024-07-07T07:00', '2024-07-07T15:30'],
    ]);
  });
});
