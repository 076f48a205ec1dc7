import { describe, expect, it } from 'vitest';
import { InstrumentBook, ReturnHistory } from '../../src/models/index.js';

const MINUTE = 60_000;

/** RiskMetrics EWMA covariance by its closed form Σ = (1 − λ)·Σₜ λ^(T−t)·rₜ·rₜᵀ (no recursion). */
function ewmaByDirectSum(rows: readonly (readonly number[])[], lambda: number, i: number, j: number): number {
  const last = rows.length - 1;
  return rows.reduce((sum, row, t) => sum + (1 - lambda) * lambda ** (last - t) * row[i]! * row[j]!, 0);
}

describe('ReturnHistory', () => {
  it('commits a step once every priced instrument has reported, and zero-fills an instrument that missed one', () => {
    const history = new ReturnHistory({ capacity: 3, window: 5 });
    // Step 1: first closes, no returns
    expect(history.onClose(0, MINUTE, 100)).toBe(false);
    expect(history.onClose(1, MINUTE, 50)).toBe(false);
    // Step 2: A reports (B still due), then B: the step commits on B
    expect(history.onClose(0, 2 * MINUTE, 101)).toBe(false);
    expect(history.onClose(1, 2 * MINUTE, 49)).toBe(true);
    expect(history.returnAt(0, 0)).toBeCloseTo(0.01, 15);
    expect(history.returnAt(0, 1)).toBeCloseTo(-0.02, 15);
    // Step 3: only A; step 4's first bar commits step 3 with B = 0
    expect(history.onClose(0, 3 * MINUTE, 99.99)).toBe(false);
    expect(history.onClose(0, 4 * MINUTE, 100.9899)).toBe(true);
    expect(history.returnAt(0, 0)).toBeCloseTo(-0.01, 15);
    expect(history.returnAt(0, 1)).toBe(0);
    expect(history.steps).toBe(2);
    expect(history.returnsOf(0)).toBe(2);
    expect(history.returnsOf(1)).toBe(1);
    // C appears in step 4: no return yet, and the step still commits when B reports
    expect(history.onClose(2, 4 * MINUTE, 10)).toBe(false);
    expect(history.onClose(1, 4 * MINUTE, 49.49)).toBe(true);
    expect(history.returnAt(0, 0)).toBeCloseTo(0.01, 12);
    expect(history.returnAt(0, 1)).toBeCloseTo(0.01, 12);
    expect(history.returnsOf(2)).toBe(0);
    // A repeated close of a committed step only moves the price
    expect(history.onClose(0, 4 * MINUTE, 200)).toBe(false);
    expect(history.steps).toBe(3);
  });

  it('keeps the last `window` rows and weights them into portfolio returns', () => {
    const history = new ReturnHistory({ capacity: 2, window: 3 });
    const returnsA = [0.01, -0.02, 0.03, 0.005, -0.01];
    const returnsB = [0.02, 0.01, -0.01, 0.0, 0.04];
    let a = 100;
    let b = 20;
    history.onClose(0, 0, a);
    history.onClose(1, 0, b);
    returnsA.forEach((r, t) => {
      a *= 1 + r;
      b *= 1 + returnsB[t]!;
      history.onClose(0, (t + 1) * MINUTE, a);
      history.onClose(1, (t + 1) * MINUTE, b);
    });
    expect(history.length).toBe(3);
    const into = new Float64Array(3);
    expect(history.portfolioReturns([0.5, -2], into)).toBe(3);
    // Oldest first: the last three steps
    const expected = [2, 3, 4].map((t) => 0.5 * returnsA[t]! - 2 * returnsB[t]!);
    for (let k = 0; k < 3; k++) expect(into[k]).toBeCloseTo(expected[k]!, 14);
    // The EWMA saw every step, not only the kept ones
    const rows = returnsA.map((r, t) => [r, returnsB[t]!]);
    const covariance = history.covariance.covariance();
    expect(covariance[0]).toBeCloseTo(ewmaByDirectSum(rows, 0.94, 0, 0), 16);
    expect(covariance[1]).toBeCloseTo(ewmaByDirectSum(rows, 0.94, 0, 1), 16);
    expect(covariance[3]).toBeCloseTo(ewmaByDirectSum(rows, 0.94, 1, 1), 16);
  });

  it('ignores non-positive closes and closes older than the current step', () => {
    const history = new ReturnHistory({ capacity: 1, window: 4 });
    history.onClose(0, MINUTE, 100);
    expect(history.onClose(0, 2 * MINUTE, Number.NaN)).toBe(false);
    expect(history.onClose(0, 2 * MINUTE, 0)).toBe(false);
    expect(history.onClose(0, 2 * MINUTE, 110)).toBe(true);
    expect(history.onClose(0, MINUTE, 50)).toBe(false); // late: price only
    expect(history.onClose(0, 3 * MINUTE, 55)).toBe(true);
    expect(history.returnAt(0, 0)).toBeCloseTo(0.1, 15); // from the late price 50
  });
});

describe('InstrumentBook', () => {
  it('hands out slots in order and refuses more instruments than its capacity, naming the option', () => {
    const book = new InstrumentBook({ capacity: 2, owner: 'var', multiplierOf: (symbol) => (symbol === 'NQ' ? 20 : 1) });
    expect(book.slotOf('NQ')).toBe(0);
    expect(book.slotOf('CL')).toBe(1);
    expect(book.slotOf('NQ')).toBe(0);
    expect(book.multipliers[0]).toBe(20);
    expect(() => book.slotOf('ES')).toThrow('Risk model "var" tracks at most 2 instruments (option maxInstruments) and "ES" would be instrument 3; raise maxInstruments');
    book.prices[0] = 100;
    book.quantities[0] = -3;
    expect(book.exposure(0)).toBe(-6000);
    expect([...book.weights(12_000, new Float64Array(3))]).toEqual([-0.5, 0, 0]);
  });
});
