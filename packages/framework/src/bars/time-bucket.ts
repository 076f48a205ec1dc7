import { SdkError } from '../errors/sdk-error.js';
import { timeframeToMs } from '../model/timeframe.js';

/**
 * Returns the start of the bucket that contains `time`: buckets are `length` ms long and start at
 * `offset + k·length` in UTC epoch milliseconds (k any integer), so `[start, start + length)` holds `time`.
 */
export function bucketStart(time: number, length: number, offset = 0): number {
  // Integer remainder instead of Math.floor(time / length) keeps the arithmetic exact for epoch ms
  const remainder = (time - offset) % length;
  return remainder < 0 ? time - remainder - length : time - remainder;
}

/**
 * Returns a duration in milliseconds from a number of milliseconds or a timeframe-style text
 * such as `120m` or `22h`; `field` names the option in error messages.
 */
export function durationToMs(value: number | string, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new SdkError('GM_CONFIG_INVALID', `Option "${field}": expected a finite number of milliseconds or a duration such as "120m", was ${value}`);
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new SdkError('GM_CONFIG_INVALID', `Option "${field}": expected a number of milliseconds or a duration such as "120m", was ${typeof value}`);
  }
  try {
    return timeframeToMs(value);
  } catch (error) {
    throw new SdkError('GM_CONFIG_INVALID', `Option "${field}": expected a duration such as "120m" or "22h", was "${value}"`, { cause: error });
  }
}

/** Formats epoch milliseconds as ISO-8601 UTC for messages. */
export function formatTime(time: number): string {
  return Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? new Date(time).toISOString() : String(time);
}
