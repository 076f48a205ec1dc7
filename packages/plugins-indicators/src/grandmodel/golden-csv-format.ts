/**
 * Formats a float the way Python's `repr` does: the shortest digits that round-trip, in positional notation for
 * decimal exponents −4 ≤ e < 16 (with `.0` when integral) and as `d.ddde±XX` otherwise, e.g. `5122.0`,
 * `0.0001`, `1e-05`, `-2.349624060149491e-05`, `1e+16`; `nan`, `inf` and `-inf` for the specials.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest round-trip digits
  const exponential = Math.abs(value).toExponential();
  const marker = exponential.indexOf('e');
  const digits = exponential.slice(0, marker).replace('.', '');
  const exponent = Number(exponential.slice(marker + 1));
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  const point = exponent + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Formats one cell as the golden CSV does: empty for NaN (no value yet), integers bare, floats as Python `repr`. */
export function formatGoldenValue(value: number, integer: boolean): string {
  if (Number.isNaN(value)) return '';
  return integer ? String(value) : formatPythonFloat(value);
}

/** Formats epoch milliseconds as a naive ISO timestamp `YYYY-MM-DDTHH:MM:SS` on a clock `utcOffsetMinutes` from UTC. */
export function formatNaiveTimestamp(epochMs: number, utcOffsetMinutes = 0): string {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}
