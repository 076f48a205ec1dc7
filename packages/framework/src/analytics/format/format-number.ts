/** Decimal places every number in run output is rounded to (1e-8: cents, satoshis and ratios alike). */
export const OUTPUT_DECIMALS = 8;

const TRAILING_ZEROS = /\.?0+$/;

/**
 * Returns the deterministic text of a number in run output: rounded to 8 decimal places, trailing
 * zeros dropped, `-0` written `0`. `0.1 + 0.2` becomes `0.3`. Non-finite values return `''`.
 */
export function formatNumber(value: number): string {
  // Integers below 2^53 print exactly as String() does (and -0 prints as 0): the common case, done fast
  if (Number.isSafeInteger(value)) return String(value);
  if (!Number.isFinite(value)) return '';
  // toFixed rounds the exact binary value, as ECMAScript specifies, so every engine prints the same digits
  let text = value.toFixed(OUTPUT_DECIMALS);
  // Magnitudes of 1e21 and above come back in exponent form and have no decimals to trim
  if (text.includes('e')) return text;
  if (text.includes('.')) text = text.replace(TRAILING_ZEROS, '');
  return text === '-0' || text === '' ? '0' : text;
}

const DAY_MS = 86_400_000;
// Consecutive bars share a day, so the date part is formatted once per day
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/** Returns epoch milliseconds as an ISO-8601 UTC string (`2024-01-02T14:30:00.000Z`), or `''` when not a valid time. */
export function formatIsoTime(epochMs: number): string {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return '';
  if (!Number.isInteger(epochMs)) return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== cachedDay) {
    const text = new Date(day * DAY_MS).toISOString();
    // Only years 0000–9999 have the fixed 10-character date form
    if (text.length !== 24) return new Date(epochMs).toISOString();
    cachedDay = day;
    cachedDayPrefix = text.slice(0, 11);
  }
  let rest = epochMs - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
