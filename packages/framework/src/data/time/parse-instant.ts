import { TIMESTAMP_PARSED, TimestampParser } from './timestamp-parser.js';
import { ZoneConverter } from './zone-converter.js';

/**
 * Returns the epoch milliseconds of a range bound given in options: a number is epoch milliseconds;
 * a string is an ISO 8601 date or date-time (wall-clock time of `timeZone` unless it carries `Z` or an
 * offset) or a string of digits (epoch milliseconds). Returns undefined when the text is neither.
 */
export function parseInstant(value: string | number, timeZone = 'UTC'): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const parser = new TimestampParser('iso', 'dmy', new ZoneConverter(timeZone));
  return parser.parse(text, 0, text.length) === TIMESTAMP_PARSED ? parser.time : undefined;
}
