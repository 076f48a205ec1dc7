// Every classic indicator against an independent implementation, on seeded bars and on real NQ bars
import { describe, expect, it } from 'vitest';
import { marketReferenceCases } from './reference-cases-market.js';
import { momentumReferenceCases } from './reference-cases-momentum.js';
import { compareWithReference } from './reference-comparison.js';
import { hasNq, nqBars, seededBars } from './reference-data.js';

const referenceCases = [...momentumReferenceCases, ...marketReferenceCases];

describe('classic indicators vs independent references on 3,000 seeded bars', () => {
  const bars = seededBars(3000, 42);
  for (const testCase of referenceCases) {
    it(testCase.name, () => {
      expect(compareWithReference(testCase, bars)).toBeGreaterThan(0);
    });
  }
});

describe.skipIf(!hasNq)('classic indicators vs independent references on real NQ 30-minute bars (skipped: ../shared/data/nq-30m.csv not found)', () => {
  const bars = hasNq ? nqBars() : [];
  for (const testCase of referenceCases) {
    it(testCase.name, () => {
      expect(compareWithReference(testCase, bars)).toBeGreaterThan(0);
    });
  }
});
