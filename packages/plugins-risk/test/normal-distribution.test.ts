import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, normalPdf } from '../src/math/index.js';
import { integratedNormalCdf } from './reference-math.js';

describe('inverseNormalCdf', () => {
  // Published standard normal quantiles (16–17 significant digits)
  const known: Array<[number, number]> = [
    [0.5, 0],
    [0.75, 0.6744897501960817],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
  ];

  // AS 241 is accurate to about 1e-16; allow a few units in the last place (the double nearest 0.95 is
  // itself 4.4e-17 below 0.95, which moves the exact quantile by about 2 ulp)
  it.each(known)('returns the published quantile for p = %s', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, z));
    // Lower tail by symmetry: Φ⁻¹(1 − p) = −Φ⁻¹(p)
    expect(Math.abs(inverseNormalCdf(1 - p) + z)).toBeLessThanOrEqual(1e-15 * Math.max(1, z));
  });

  it('inverts the normal CDF obtained by integrating the density, across all three algorithm regions', () => {
    // Central region |p − 0.5| ≤ 0.425, tail region r ≤ 5 and the far tail r > 5 (p < e^-25 ≈ 1.4e-11)
    for (const p of [1e-12, 1e-8, 1e-5, 0.001, 0.02, 0.074, 0.076, 0.2, 0.5, 0.6, 0.924, 0.93, 0.97, 0.9999]) {
      const z = inverseNormalCdf(p);
      const roundTrip = integratedNormalCdf(z);
      expect(Math.abs(roundTrip - p)).toBeLessThan(1e-12 + 1e-9 * p);
    }
  });

  it('is monotone increasing across the region boundaries', () => {
    let previous = Number.NEGATIVE_INFINITY;
    for (let exponent = -300; exponent < 0; exponent += 0.25) {
      const z = inverseNormalCdf(10 ** exponent);
      expect(z).toBeGreaterThan(previous);
      previous = z;
    }
  });

  it('returns the infinities at 0 and 1 and rejects values outside [0, 1]', () => {
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => inverseNormalCdf(Number.NaN)).toThrow(/p must be a finite number, was NaN/);
    expect(() => inverseNormalCdf(1.5)).toThrow(expect.objectContaining({ code: 'GM_INPUT_INVALID', message: 'p must be a probability in [0, 1], was 1.5' }));
    expect(() => inverseNormalCdf(-0.1)).toThrow(/was -0.1/);
  });
});

describe('normalPdf', () => {
  it('matches e^(−x²/2)/√(2π) at known points', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalPdf(1)).toBeCloseTo(0.24197072451914337, 16);
    expect(normalPdf(-1.6448536269514722)).toBeCloseTo(0.10313564037537128, 15);
  });
});
