import type { OrderIntent } from '@grandmodel/framework';
import { APPROVE } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { StressRiskModel, stressOptions, type StressOptionsInput } from '../../src/models/index.js';
import { WorstMoveTracker } from '../../src/models/stress/worst-move-tracker.js';
import { createHarness, fixedContext } from './risk-harness.js';

const CRASH = { name: 'crash', shocks: { NQ: -0.1 }, uniform: -0.05 };
const RALLY = { name: 'rally', uniform: 0.05 };

/**
 * Long 2 NQ (× 20) at 18,000 and short 3 CL (× 1000) at 80: exposures +720,000 and −240,000, equity 1,000,000.
 * NQ closes 18,500, 18,000, 17,500, 18,000 and CL 78, 80, 84, 80, so the worst 2-bar moves are
 * NQ 17,500 / 18,500 − 1 = −5.4054 % (fall) and CL 84 / 78 − 1 = +7.6923 % (rise).
 */
function setup(options: StressOptionsInput) {
  const harness = createHarness({ instanceId: 'stress', cash: 1_000_000, instruments: [{ symbol: 'NQ', multiplier: 20 }, { symbol: 'CL', multiplier: 1000 }] });
  const model = new StressRiskModel(stressOptions.parse({ historicalBars: 2, ...options }), harness.services);
  const nq = [18_500, 18_000, 17_500, 18_000];
  const cl = [78, 80, 84, 80];
  nq.forEach((close, t) => harness.step({ NQ: close, CL: cl[t]! }));
  harness.fill('NQ', 'buy', 2, 18_000);
  harness.fill('CL', 'sell', 3, 80);
  harness.account();
  return { harness, model };
}

const order = (symbol: string, side: 'buy' | 'sell', quantity: number): OrderIntent => ({ symbol, side, quantity, type: 'market' });

describe('stress: scenario P&L of the current positions', () => {
  it('values each scenario by hand: crash −72,000 + 12,000 = −60,000, rally +36,000 − 12,000 = +24,000', () => {
    const { model } = setup({ scenarios: [CRASH, RALLY], historical: false });
    expect(model.worst()).toEqual({ loss: 60_000, scenario: 'crash' });
    expect(model.lastWorstLoss).toBe(60_000);
  });

  it('applies each instrument\'s worst historical move against the position', () => {
    const { model } = setup({ scenarios: [], historical: true });
    expect(model.worstMoves('NQ').fall).toBeCloseTo(17_500 / 18_500 - 1, 15);
    expect(model.worstMoves('CL').rise).toBeCloseTo(84 / 78 - 1, 15);
    // 720,000 × −0.054054 (long falls) and −240,000 × +0.076923 (short, prices rise): −38,918.92 − 18,461.54
    const expected = 720_000 * (1 - 17_500 / 18_500) + 240_000 * (84 / 78 - 1);
    const worst = model.worst();
    expect(worst.scenario).toBe('historical worst 2-bar move');
    expect(worst.loss).toBeCloseTo(expected, 8);
    expect(worst.loss).toBeCloseTo(57_380.46, 2);
  });

  it('raises a breach once the worst loss passes the limit, and recovers once it is back within', () => {
    const { harness } = setup({ scenarios: [CRASH, RALLY], limit: 0.05 });
    // Crash 60,000 > historical 57,380: 6 % of equity > 5 %
    expect(harness.payloads('risk.breached')).toEqual([
      expect.objectContaining({ model: 'stress', metric: 'stress_loss', value: 0.06, limit: 0.05, action: 'reduce', message: 'loss in scenario "crash" would be 60000 (6% of equity 1000000), beyond the 5% limit' }),
    ]);
    expect(harness.risk.tradingState).toBe('reducing');
    harness.account(); // still beyond: no second breach
    expect(harness.payloads('risk.breached')).toHaveLength(1);
    harness.fill('NQ', 'sell', 1, 18_000); // crash: −36,000 + 12,000 = −24,000 (2.4 %); historical: 19,459 + 18,462 = 37,921 (3.8 %)
    harness.account();
    expect(harness.risk.tradingState).toBe('active');
  });

  it('pre-trade: denies an entry that would push the worst loss beyond the limit, passes hedges and reductions', () => {
    const { harness, model } = setup({ scenarios: [CRASH, RALLY], historical: false, limit: 0.07 });
    // One more NQ: crash −108,000 + 12,000 = −96,000, 9.6 % > 7 %
    expect(model.check(order('NQ', 'buy', 1), harness.context)).toEqual({
      action: 'deny',
      reason: 'post-trade loss in scenario "crash" would be 96000 (9.6% of equity), beyond the 7% limit',
    });
    // One more short CL: crash −72,000 + 16,000 = −56,000, within
    expect(model.check(order('CL', 'sell', 1), harness.context)).toBe(APPROVE);
    // Reductions always pass
    expect(model.check(order('NQ', 'sell', 2), harness.context)).toBe(APPROVE);
    // Off: everything passes
    const { harness: h2, model: off } = setup({ scenarios: [CRASH], historical: false, limit: 0.01, preTrade: false });
    expect(off.check(order('NQ', 'buy', 5), h2.context)).toBe(APPROVE);
  });

  it('pre-trade: a breaching book may still take an order that lowers the worst loss', () => {
    const { harness, model } = setup({ scenarios: [CRASH, RALLY], historical: false, limit: 0.05 });
    // Now 6 % > 5 %. Shorting 2 more CL: −72,000 + 20,000 = −52,000 (5.2 %): still beyond, but better
    expect(model.check(order('CL', 'sell', 2), harness.context)).toBe(APPROVE);
    // Buying 10 CL flips the short to long 7: crash −72,000 − 28,000 = −100,000, worse
    expect(model.check(order('CL', 'buy', 10), harness.context).action).toBe('deny');
  });

  it('shocks an instrument by `uniform` unless it is listed, and denies entries at zero equity', () => {
    const { model, harness } = setup({ scenarios: [{ name: 'cl only', shocks: { CL: 0.2 } }], historical: false });
    // NQ not listed and no uniform: 0; CL +20 % on a short of 240,000: −48,000
    expect(model.worst()).toEqual({ loss: 48_000, scenario: 'cl only' });
    expect(model.check(order('NQ', 'buy', 1), fixedContext({ equity: 0, price: 18_000, symbol: 'NQ' }))).toEqual({ action: 'deny', reason: 'equity is 0: no stress loss is acceptable' });
    expect(harness.payloads('risk.breached')).toEqual([]); // 4.8 % < the default 10 %
  });
});

describe('WorstMoveTracker', () => {
  it('matches a brute-force search over every window', () => {
    const closes = [100, 103, 99, 97, 104, 110, 101, 95, 96, 108, 100];
    for (const bars of [1, 2, 3, 5]) {
      const tracker = new WorstMoveTracker(2, bars);
      closes.forEach((close) => tracker.onClose(1, close));
      let fall = 0;
      let rise = 0;
      for (let t = bars; t < closes.length; t++) {
        const move = closes[t]! / closes[t - bars]! - 1;
        fall = Math.min(fall, move);
        rise = Math.max(rise, move);
      }
      expect(tracker.worstFall[1]).toBe(fall);
      expect(tracker.worstRise[1]).toBe(rise);
      expect(tracker.adverse(1, 5)).toBe(fall);
      expect(tracker.adverse(1, -5)).toBe(rise);
      expect(tracker.worstFall[0]).toBe(0); // the other slot saw nothing
    }
  });
});
