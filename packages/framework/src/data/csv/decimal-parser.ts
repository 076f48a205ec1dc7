// Exact powers of ten: a mantissa below 2^53 divided by one of these is correctly rounded (IEEE division),
// so the result equals Number(text) without allocating a substring
const POWERS_OF_TEN = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Parses a decimal number from `text[start, end)` (surrounding spaces allowed) and returns it, or NaN when
 * the text is not a finite decimal number. The result is identical to `Number(text)` for every valid input:
 * plain decimals of up to 15 significant digits are parsed from character codes, anything longer or with an
 * exponent falls back to `Number`.
 */
export function parseDecimal(text: string, start: number, end: number): number {
  let code = 0;
  while (start < end && ((code = text.charCodeAt(start)) === SPACE || code === TAB)) start++;
  while (end > start && ((code = text.charCodeAt(end - 1)) === SPACE || code === TAB)) end--;
  if (start === end) return Number.NaN;
  let position = start;
  let negative = false;
  code = text.charCodeAt(position);
  if (code === MINUS) {
    negative = true;
    position++;
  } else if (code === PLUS) {
    position++;
  }
  let mantissa = 0;
  let significantDigits = 0;
  let fractionDigits = 0;
  let seenDot = false;
  let seenDigit = false;
  for (; position < end; position++) {
    code = text.charCodeAt(position);
    if (code >= ZERO && code <= NINE) {
      seenDigit = true;
      if (seenDot) fractionDigits++;
      if (mantissa === 0 && code === ZERO) continue;
      mantissa = mantissa * 10 + (code - ZERO);
      significantDigits++;
    } else if (code === DOT && !seenDot) {
      seenDot = true;
    } else if ((code === LOWER_E || code === UPPER_E) && seenDigit) {
      return parseSlow(text, start, end);
    } else {
      return Number.NaN;
    }
  }
  if (!seenDigit) return Number.NaN;
  if (significantDigits > 15 || fractionDigits > 22) return parseSlow(text, start, end);
  const value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits]!;
  return negative ? -value : value;
}

function parseSlow(text: string, start: number, end: number): number {
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : Number.NaN;
}
