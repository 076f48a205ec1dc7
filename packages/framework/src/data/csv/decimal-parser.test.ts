import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../random/seeded-random.js';
import { parseDecimal } from './decimal-parser.js';

const parse = (text: string): number => parseDecimal(text, 0, text.length);

describe('parseDecimal', () => {
  it('reads plain decimals exactly as Number does', () => {
    for (const text of ['0', '9830', '9830.0', '9780.25', '-37.63', '+1.5', '0.05', '.5', '5.', '000123.4500', '65.39', '22768.75']) {
      expect(parse(text)).toBe(Number(text));
    }
  });

  it('matches Number on random decimals with up to 17 digits and on exponents', () => {
    const random = new SeededRandom(3);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + random.int(17);
      let text = '';
      for (let d = 0; d < digits; d++) text += String(random.int(10));
      const dot = random.int(digits + 1);
      const withDot = `${random.int(2) === 0 ? '-' : ''}${text.slice(0, dot)}.${text.slice(dot)}`;
      expect(parse(withDot)).toBe(Number(withDot));
    }
    expect(parse('1.5e3')).toBe(1500);
    expect(parse('2E-2')).toBe(0.02);
  });

  it('reads only the given slice and ignores surrounding spaces', () => {
    const line = 'x, 12.5 ,y';
    expect(parseDecimal(line, 2, 8)).toBe(12.5);
  });

  it('returns NaN for text that is not a finite decimal number', () => {
    for (const text of ['', '  ', 'abc', '1.2.3', '12a', '-', '.', 'NaN', 'Infinity', '1e400', '1,5', '0x10', 'e5']) {
      expect(parse(text)).toBeNaN();
    }
  });
});
