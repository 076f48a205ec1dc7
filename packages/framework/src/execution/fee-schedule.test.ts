import { describe, expect, it } from 'vitest';
import { FeeSchedule } from './fee-schedule.js';
import { feeScheduleOptions } from './simulated-venue-options.js';
import { slippedPrice } from './slippage.js';

describe('FeeSchedule', () => {
  it('sums per-unit and bps parts with maker or taker bps', () => {
    const fees = new FeeSchedule(feeScheduleOptions.parse({ perContract: 1.25, perShare: 0.5, bps: 1, makerBps: 0.5, takerBps: 2 }));
    // 3 × (1.25 + 0.5) = 5.25; notional 3 × 100 × 50 = 15 000
    expect(fees.rawFee(3, 100, 50, 'maker')).toBeCloseTo(5.25 + 15_000 * 1.5e-4, 12); // 7.50
    expect(fees.rawFee(3, 100, 50, 'taker')).toBeCloseTo(5.25 + 15_000 * 3e-4, 12); // 9.75
  });

  it('charges the per-order minimum once, then only what the running total exceeds it by', () => {
    const fees = new FeeSchedule(feeScheduleOptions.parse({ minimum: 2 }));
    expect(fees.charge(0.7, 0)).toBe(2);
    expect(fees.charge(1.9, 2)).toBe(0);
    expect(fees.charge(2.3, 2)).toBe(0.3);
  });
});

describe('slippedPrice', () => {
  it('moves against the order in whole ticks and stays on the grid', () => {
    expect(slippedPrice(50.0, 'buy', 0.25, 1, 0)).toBe(50.25);
    expect(slippedPrice(50.0, 'sell', 0.25, 1, 0)).toBe(49.75);
    // 10 bp of 50 = 0.05 → rounds up to one 0.25 tick
    expect(slippedPrice(50.0, 'buy', 0.25, 0, 10)).toBe(50.25);
    // 0.1 + 0.2 style noise: 30 bp of 100 = 0.3 = exactly 30 ticks of 0.01, not 31
    expect(slippedPrice(100, 'buy', 0.01, 0, 30)).toBe(100.3);
    expect(slippedPrice(0.5, 'sell', 0.25, 4, 0)).toBe(0.25);
  });
});
