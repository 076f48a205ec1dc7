/** Decimal places every number in run output is rounded to (1e-8: cents, satoshis and ratios alike). */
export const OUTPUT_DECIMALS = 8;

const TRAILING_ZEROS = /\.?0+$/;

/**
 * Returns the deterministic text of a number in run output: rounded to 8 decimal places, trailing
 * zeros dropped, `-0` written `0`. `0.1 + 0.2` becomes `0.3`. Non-finite values return `''`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  // toFixed rounds the exact binary value, as ECMAScript specifies, so every engine prints the same digits
  let text = value.toFixed(OUTPUT_DECIMALS);
  // Magnitudes of 1e21 and above come back in exponent form and have no decimals to trim
  if (text.includes('e')) return text;
  if (text.includes('.')) text = text.replace(TRAILING_ZEROS, '');
  return text === '-0' || text === '' ? '0' : text;
}

/** Returns epoch milliseconds as an ISO-8601 UTC string (`2024-01-02T14:30:00.000Z`), or `''` when not a valid time. */
export function formatIsoTime(epochMs: number): string {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return '';
  return new Date(epochMs).toISOString();
}
