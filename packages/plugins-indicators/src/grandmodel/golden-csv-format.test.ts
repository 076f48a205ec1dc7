import { describe, expect, it } from 'vitest';
import { formatGoldenValue, formatNaiveTimestamp, formatPythonFloat } from './golden-csv-format.js';

describe('formatPythonFloat', () => {
  it('writes what Python repr() writes', () => {
    // Each pair is [value, repr(value) in CPython 3]
    const cases: [number, string][] = [
      [0, '0.0'],
      [-0, '-0.0'],
      [5122, '5122.0'],
      [9785.5, '9785.5'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [-2.349624060149491e-5, '-2.349624060149491e-05'],
      [1.6456268887555958e-4, '0.00016456268887555958'],
      [1e16, '1e+16'],
      [1234567890123456, '1234567890123456.0'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5e-324'],
      [123.456, '123.456'],
      [Number.POSITIVE_INFINITY, 'inf'],
      [Number.NaN, 'nan'],
    ];
    for (const [value, text] of cases) expect(formatPythonFloat(value)).toBe(text);
  });
});

describe('formatGoldenValue', () => {
  it('leaves empty cells for missing values and writes integer columns bare', () => {
    expect(formatGoldenValue(Number.NaN, false)).toBe('');
    expect(formatGoldenValue(-1, true)).toBe('-1');
    expect(formatGoldenValue(-1, false)).toBe('-1.0');
  });

  it('formats naive timestamps on the chosen clock', () => {
    expect(formatNaiveTimestamp(Date.UTC(2020, 5, 29, 1, 0))).toBe('2020-06-29T01:00:00');
    expect(formatNaiveTimestamp(Date.UTC(2020, 5, 29, 23, 30), 60)).toBe('2020-06-30T00:30:00');
  });
});
