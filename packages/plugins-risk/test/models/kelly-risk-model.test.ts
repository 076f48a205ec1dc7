import type { OrderIntent, RiskVerdict } from '@grandmodel/framework';
import { APPROVE } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { KellyRiskModel, kellyOptions, TradeOutcomes, type KellyOptionsInput } from '../../src/models/index.js';
import { createHarness, fixedContext } from './risk-harness.js';

/** NQ-like futures: multiplier 20, last price 4000, so one contract is worth 80,000. */
function setup(options: KellyOptionsInput = {}, cash = 1_000_000) {
  const harness = createHarness({ instanceId: 'kelly', cash, instruments: [{ symbol: 'NQ', multiplier: 20 }, { symbol: 'X', multiplier: 1 }] });
  const model = new KellyRiskModel(kellyOptions.parse(options), harness.services);
  harness.step({ NQ: 4000, X: 100 });
  return { harness, model };
}

function buy(quantity: number, metadata?: Record<string, unknown>, symbol = 'NQ'): OrderIntent {
  return { symbol, side: 'buy', quantity, type: 'market', ...(metadata === undefined ? {} : { metadata }) };
}

function quantityOf(verdict: RiskVerdict): number {
  if (verdict.action !== 'adjust') throw new Error(`expected an adjust verdict, was ${JSON.stringify(verdict)}`);
  return verdict.intent.quantity;
}

describe('kelly: sizing from the intent metadata', () => {
  it('sizes to half-Kelly of equity: p 0.55, b 2 → f* 0.325, half 0.1625 → 2 contracts of 80,000 on 1,000,000', () => {
    const { harness, model } = setup();
    // f* = 0.55 − 0.45 / 2 = 0.325; × 0.5 = 0.1625; 0.1625 × 1,000,000 / (4000 × 20) = 2.03 → 2
    const verdict = model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context);
    expect(quantityOf(verdict)).toBe(2);
    expect(verdict.action === 'adjust' && verdict.reason).toContain('quantity 1 → 2');
    expect(verdict.action === 'adjust' && verdict.reason).toContain('Kelly fraction 0.1625');
    // The metadata travels on unchanged
    expect(verdict.action === 'adjust' && verdict.intent.metadata).toEqual({ winProbability: 0.55, payoffRatio: 2 });
  });

  it('caps the fraction at ±0.25 of equity: p 0.9, b 3 → half-Kelly 0.433 is capped to 0.25 → 3 contracts', () => {
    const { harness, model } = setup();
    // f* = 0.9 − 0.1/3 = 0.8667, half 0.4333 > 0.25; 0.25 × 1,000,000 / 80,000 = 3.125 → 3
    expect(quantityOf(model.check(buy(10, { winProbability: 0.9, payoffRatio: 3 }), harness.context))).toBe(3);
    // A custom cap and full Kelly: min(1 × 0.8667, 0.5) = 0.5 → 6.25 → 6
    const custom = new KellyRiskModel(kellyOptions.parse({ multiplier: 1, maxFraction: 0.5 }), harness.services);
    expect(quantityOf(custom.check(buy(1, { winProbability: 0.9, payoffRatio: 3 }), harness.context))).toBe(6);
  });

  it('tops an existing position up to the target, and sizes a reversal as close + target', () => {
    const { harness, model } = setup();
    const bet = { winProbability: 0.55, payoffRatio: 2 }; // target 2 contracts
    harness.fill('NQ', 'buy', 1, 4000);
    // Long 1, target 2: one more; the intent already asks for 1, so it passes unchanged
    expect(model.check(buy(1, bet), harness.context)).toBe(APPROVE);
    expect(quantityOf(model.check(buy(5, bet), harness.context))).toBe(1);
    harness.fill('NQ', 'sell', 4, 4000); // now short 3
    // Buying against a short of 3: close 3 then open 2 = 5
    expect(quantityOf(model.check(buy(4, bet), harness.context))).toBe(5);
  });

  it('denies an entry when the position is already at the Kelly size', () => {
    const { harness, model } = setup();
    harness.fill('NQ', 'buy', 2, 4000);
    const verdict = model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context);
    expect(verdict.action).toBe('deny');
    expect(verdict.action === 'deny' && verdict.reason).toContain('the position is already 2');
  });

  it('denies an entry when equity buys less than one lot: 0.1625 × 100,000 / 80,000 = 0.2 contracts', () => {
    const { harness, model } = setup({}, 100_000);
    expect(model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context)).toEqual({
      action: 'deny',
      reason: 'Kelly fraction 0.1625 (p = 0.55, b = 2 from metadata) of equity 100000 at 4000 × 20 is 0: less than one lot of 1',
    });
  });

  it('only lowers quantities with sizing "cap"', () => {
    const { harness } = setup();
    const model = new KellyRiskModel(kellyOptions.parse({ sizing: 'cap' }), harness.services);
    expect(model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context)).toBe(APPROVE);
    expect(quantityOf(model.check(buy(7, { winProbability: 0.55, payoffRatio: 2 }), harness.context))).toBe(2);
  });

  it('rounds down to lots', () => {
    const { harness, model } = setup({ lotSize: 0.5 });
    // 2.03125 contracts → 2.0 in lots of 0.5; p 0.7, b 1.5 → 3.125 → 3.0
    expect(quantityOf(model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context))).toBe(2);
    expect(quantityOf(model.check(buy(1, { winProbability: 0.7, payoffRatio: 1.5 }), harness.context))).toBe(3);
    const small = new KellyRiskModel(kellyOptions.parse({ lotSize: 0.1 }), harness.services);
    // 0.1625 × 1,000,000 / 80,000 = 2.03125 → 2.0 in lots of 0.1
    expect(quantityOf(small.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }), harness.context))).toBe(2);
    // p 0.6, b 1.5: f* = 0.6 − 0.4/1.5 = 0.3333, half 0.16667 → 2.0833 → 2.0 (lot 0.1 gives 2.0, not 2.1)
    expect(quantityOf(small.check(buy(1, { winProbability: 0.6, payoffRatio: 1.5 }), harness.context))).toBe(2);
    // p 0.7, b 1.5: f* = 0.7 − 0.3/1.5 = 0.5, half 0.25 → 3.125 → 3.1
    expect(quantityOf(small.check(buy(1, { winProbability: 0.7, payoffRatio: 1.5 }), harness.context))).toBe(3.1);
  });

  it('denies new entries when the Kelly fraction is not positive', () => {
    const { harness, model } = setup();
    // f* = 0.3 − 0.7 / 1 = −0.4
    const verdict = model.check(buy(1, { winProbability: 0.3, payoffRatio: 1 }), harness.context);
    expect(verdict).toEqual({ action: 'deny', reason: 'Kelly fraction -0.2 (p = 0.3, b = 1 from metadata) is not positive: no edge, new entries are denied' });
    // Break-even bet p = 1/(1 + b): f* = 0
    expect(model.check(buy(1, { winProbability: 1 / 3, payoffRatio: 2 }), harness.context).action).toBe('deny');
  });

  it('lets orders that only reduce a position pass unchanged, whatever the odds', () => {
    const { harness, model } = setup();
    harness.fill('NQ', 'buy', 3, 4000);
    const sell: OrderIntent = { symbol: 'NQ', side: 'sell', quantity: 2, type: 'market', metadata: { winProbability: 0.1, payoffRatio: 0.5 } };
    expect(model.check(sell, harness.context)).toBe(APPROVE);
    expect(model.check({ ...sell, quantity: 5, reduceOnly: true }, harness.context)).toBe(APPROVE);
  });

  it('denies metadata that is not a probability or a payoff ratio, naming the field', () => {
    const { harness, model } = setup();
    expect(model.check(buy(1, { winProbability: Number.NaN, payoffRatio: 2 }), harness.context)).toEqual({ action: 'deny', reason: 'metadata.winProbability must be a number in [0, 1], was NaN' });
    expect(model.check(buy(1, { winProbability: 1.2, payoffRatio: 2 }), harness.context)).toEqual({ action: 'deny', reason: 'metadata.winProbability must be a number in [0, 1], was 1.2' });
    expect(model.check(buy(1, { winProbability: 0.6 }), harness.context)).toEqual({ action: 'deny', reason: 'metadata.payoffRatio must be a finite number > 0, was undefined' });
    expect(model.check(buy(1, { winProbability: 0.6, payoffRatio: '2' }), harness.context)).toEqual({ action: 'deny', reason: 'metadata.payoffRatio must be a finite number > 0, was "2"' });
  });

  it('needs positive equity and a price', () => {
    const { model } = setup();
    const bet = { winProbability: 0.55, payoffRatio: 2 };
    expect(model.check(buy(1, bet), fixedContext({ equity: 0, price: 4000 }))).toEqual({ action: 'deny', reason: 'equity is 0: Kelly sizing needs positive equity' });
    expect(model.check(buy(1, bet), fixedContext({ equity: 1e6 }))).toEqual({ action: 'deny', reason: 'no price is known for NQ to size the order' });
    // A limit order is sized at its limit price: 0.1625 × 1e6 / (2000 × 20) = 4.06 → 4
    expect(quantityOf(model.check({ ...buy(1, bet), type: 'limit', limitPrice: 2000 }, fixedContext({ equity: 1e6 })))).toBe(4);
  });
});

describe('kelly: sizing from the run\'s closed trades', () => {
  it('passes entries through while there are fewer closed trades than minTrades (or denies them if asked)', () => {
    const { harness, model } = setup();
    expect(model.check(buy(1), harness.context)).toBe(APPROVE);
    const strict = new KellyRiskModel(kellyOptions.parse({ withoutEstimate: 'deny' }), harness.services);
    expect(strict.check(buy(1), harness.context)).toEqual({
      action: 'deny',
      reason: 'no win probability and payoff ratio: the intent has no metadata and the run has 0 of the 30 closed trades the estimate needs',
    });
    // source "metadata" never estimates
    const metadataOnly = new KellyRiskModel(kellyOptions.parse({ source: 'metadata', minTrades: 1 }), harness.services);
    harness.fill('X', 'buy', 1, 100);
    harness.fill('X', 'sell', 1, 110);
    expect(metadataOnly.check(buy(1), harness.context)).toBe(APPROVE);
  });

  it('estimates p and b from round trips rebuilt from fills: +300, −100, +200, −100 → p 0.5, b 2.5', () => {
    const { harness } = setup({}, 1_000_000);
    const model = new KellyRiskModel(kellyOptions.parse({ minTrades: 4, lookbackTrades: 10 }), harness.services);
    const trip = (side: 'buy' | 'sell', quantity: number, entry: number, exit: number): void => {
      harness.fill('X', side, quantity, entry);
      harness.fill('X', side === 'buy' ? 'sell' : 'buy', quantity, exit);
    };
    trip('buy', 10, 100, 130); // +300
    trip('sell', 10, 100, 110); // short, −100
    expect(model.check(buy(1, undefined, 'X'), harness.context)).toBe(APPROVE); // 2 trades: not enough yet
    trip('buy', 20, 100, 110); // +200
    trip('buy', 5, 100, 80); // −100
    expect(model.outcomes.current).toEqual({ winProbability: 0.5, payoffRatio: 2.5, wins: 2, losses: 2 });
    // f* = 0.5 − 0.5/2.5 = 0.3, half 0.15; equity 1,000,300 at X = 100 × 1: 0.15 × 1,000,300 / 100 = 1500.45 → 1500
    harness.step({ X: 100 });
    const verdict = model.check(buy(1, undefined, 'X'), harness.context);
    expect(quantityOf(verdict)).toBe(1500);
    expect(verdict.action === 'adjust' && verdict.reason).toContain('from 4 closed trades');
    // With metadata present, source "auto" prefers it
    expect(quantityOf(model.check(buy(1, { winProbability: 0.55, payoffRatio: 2 }, 'X'), harness.context))).toBe(1625);
    // source "trades" ignores the metadata
    const tradesOnly = new KellyRiskModel(kellyOptions.parse({ source: 'trades', minTrades: 1 }), harness.services);
    tradesOnly.outcomes.record(300);
    tradesOnly.outcomes.record(-100);
    // p 0.5, b 3: f* = 0.5 − 0.5/3 = 0.3333, half 0.16667 × 1,000,300 / 100 = 1667.17 → 1667
    expect(quantityOf(tradesOnly.check(buy(1, { winProbability: 0.9, payoffRatio: 9 }, 'X'), harness.context))).toBe(1667);
  });

  it('denies entries after only losing trades and sizes at the cap after only winning ones', () => {
    const { harness } = setup();
    const losing = new KellyRiskModel(kellyOptions.parse({ minTrades: 2 }), harness.services);
    losing.outcomes.record(-50);
    losing.outcomes.record(-20);
    const verdict = losing.check(buy(1), harness.context);
    expect(verdict.action === 'deny' && verdict.reason).toBe('Kelly fraction -0.25 (p = 0, b = undefined from 2 closed trades) is not positive: no edge, new entries are denied');
    const winning = new KellyRiskModel(kellyOptions.parse({ minTrades: 2 }), harness.services);
    winning.outcomes.record(50);
    winning.outcomes.record(20);
    // f* = 1 (p = 1), half 0.5, capped 0.25 → 3.125 → 3
    expect(quantityOf(winning.check(buy(1), harness.context))).toBe(3);
  });
});

describe('TradeOutcomes', () => {
  it('splits a reversing fill into a closed trade and a new one, sharing its fee pro rata', () => {
    const outcomes = new TradeOutcomes(10, true);
    const fill = (side: 'buy' | 'sell', quantity: number, price: number, fee: number) =>
      outcomes.onFill({ orderId: 'o', clientOrderId: 'c', symbol: 'X', side, quantity, price, fee, time: 0, liquidity: 'taker' }, 2);
    fill('buy', 10, 100, 2);
    fill('sell', 20, 110, 4); // closes 10: (1100 − 1000) × 2 = 200, fees 2 + 2 = 4 → 196; opens short 10 at 110 with fee 2
    expect(outcomes.trades).toBe(1);
    fill('buy', 4, 105, 1); // partial cover, nothing closed yet
    expect(outcomes.trades).toBe(1);
    fill('buy', 6, 100, 1); // short 10 from 110 covered at 4 × 105 + 6 × 100: (1100 − 1020) × 2 = 160, fees 2 + 1 + 1 = 4 → 156
    expect(outcomes.trades).toBe(2);
    expect(outcomes.current).toEqual({ winProbability: 1, payoffRatio: Number.NaN, wins: 2, losses: 0 });
    const gross = new TradeOutcomes(10, false);
    gross.onFill({ orderId: 'o', clientOrderId: 'c', symbol: 'X', side: 'buy', quantity: 1, price: 100, fee: 5, time: 0, liquidity: 'taker' }, 1);
    gross.onFill({ orderId: 'o', clientOrderId: 'c', symbol: 'X', side: 'sell', quantity: 1, price: 103, fee: 5, time: 0, liquidity: 'taker' }, 1);
    // +3 gross (fees ignored); with fees it would have been −7, a loss
    expect(gross.current).toMatchObject({ wins: 1, losses: 0 });
  });

  it('keeps only the last `lookback` trades and ignores break-even ones', () => {
    const outcomes = new TradeOutcomes(3, true);
    for (const result of [-10, 40, 0, 20]) outcomes.record(result);
    // Held: 40, 0, 20 → wins 2 (avg 30), no loss
    expect(outcomes.trades).toBe(3);
    expect(outcomes.current).toMatchObject({ wins: 2, losses: 0, winProbability: 1 });
    outcomes.record(-15);
    // Held: 0, 20, −15 → p = 1/2, b = 20/15
    expect(outcomes.current.winProbability).toBe(0.5);
    expect(outcomes.current.payoffRatio).toBeCloseTo(20 / 15, 14);
    outcomes.reset();
    expect(outcomes.trades).toBe(0);
  });
});
