import { describe, expect, it } from 'vitest';
import { SdkError } from '../errors/sdk-error.js';
import { bucketStart, durationToMs } from './time-bucket.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('bucketStart', () => {
  it('floors to the bar start on the UTC epoch grid', () => {
    // 2024-01-02 09:17:45 UTC → 09:15 for 5m, 09:00 for 30m (the spec example)
    const time = Date.UTC(2024, 0, 2, 9, 17, 45);
    expect(bucketStart(time, 5 * MINUTE)).toBe(Date.UTC(2024, 0, 2, 9, 15));
    expect(bucketStart(time, 30 * MINUTE)).toBe(Date.UTC(2024, 0, 2, 9, 0));
    expect(bucketStart(time, 24 * HOUR)).toBe(Date.UTC(2024, 0, 2));
  });

  it('keeps a time that is exactly on a boundary in the bucket it starts', () => {
    const boundary = Date.UTC(2024, 0, 2, 9, 30);
    expect(bucketStart(boundary, 5 * MINUTE)).toBe(boundary);
    expect(bucketStart(boundary - 1, 5 * MINUTE)).toBe(Date.UTC(2024, 0, 2, 9, 25));
  });

  it('shifts the grid by the alignment offset', () => {
    // Daily buckets starting 22:00 UTC: Monday 21:59 belongs to the day that began Sunday 22:00
    expect(bucketStart(Date.UTC(2024, 0, 8, 21, 59), 24 * HOUR, 22 * HOUR)).toBe(Date.UTC(2024, 0, 7, 22));
    expect(bucketStart(Date.UTC(2024, 0, 8, 22, 0), 24 * HOUR, 22 * HOUR)).toBe(Date.UTC(2024, 0, 8, 22));
  });

  it('floors negative times downwards', () => {
    expect(bucketStart(-1, 10)).toBe(-10);
    expect(bucketStart(-10, 10)).toBe(-10);
    expect(bucketStart(-11, 10)).toBe(-20);
  });
});

describe('durationToMs', () => {
  it('reads milliseconds and duration texts', () => {
    expect(durationToMs(1500, 'maxGap')).toBe(1500);
    expect(durationToMs('120m', 'maxGap')).toBe(2 * HOUR);
    expect(durationToMs('22h', 'alignmentOffset')).toBe(22 * HOUR);
  });

  it('names the option when the value is not a duration', () => {
    expect(() => durationToMs('two hours', 'maxGap')).toThrow(/Option "maxGap": expected a duration such as "120m" or "22h", was "two hours"/);
    expect(() => durationToMs(Number.NaN, 'maxGap')).toThrow(SdkError);
  });
});
