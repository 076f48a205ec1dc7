import { describe, expect, it } from 'vitest';
import { RunInstruments } from '../engine/instrument-registry.js';
import type { RiskCheckContext } from '../kinds/risk-model.js';
import type { OrderIntent } from '../model/order.js';
import type { Position } from '../model/position.js';
import { LimitsRiskModel, limitsOptions, type LimitsOptions } from './limits-risk-model.js';

const instruments = new RunInstruments([{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }]);

function context(overrides: Partial<{ time: number; equity: number; grossExposure: number; position: number; last: number }> = {}): RiskCheckContext {
  const position: Position | undefined =
    overrides.position === undefined ? undefined : { symbol: 'NQ', quantity: overrides.position, averagePrice: 17_000, realizedPnl: 0, unrealizedPnl: 0, markPrice: 17_000 };
  return {
    time: overrides.time ?? 0,
    tradingState: 'active',
    equity: overrides.equity ?? 500_000,
    cash: overrides.equity ?? 500_000,
    grossExposure: overrides.grossExposure ?? 0,
    position: () => position,
    lastPrice: () => overrides.last ?? 17_000,
  };
}

const buy = (quantity: number, extra: Partial<OrderIntent> = {}): OrderIntent => ({ symbol: 'NQ', side: 'buy', quantity, type: 'market', ...extra });
const model = (options: Partial<LimitsOptions>) => new LimitsRiskModel(limitsOptions.parse(options), instruments);

describe('LimitsRiskModel', () => {
  it('approves everything when no limit is configured', () => {
    expect(model({}).check(buy(1_000), context())).toEqual({ action: 'approve' });
  });

  it('denies an order above maxOrderQuantity or maxOrderNotional (quantity · last · multiplier)', () => {
    expect(model({ maxOrderQuantity: 3 }).check(buy(4), context())).toEqual({ action: 'deny', reason: 'order quantity 4 exceeds maxOrderQuantity 3' });
    // 2 × 17,000 × 20 = 680,000 > 600,000
    expect(model({ maxOrderNotional: 600_000 }).check(buy(2), context())).toEqual({ action: 'deny', reason: 'order notional 680000 exceeds maxOrderNotional 600000' });
    expect(model({ maxOrderNotional: 700_000 }).check(buy(2), context()).action).toBe('approve');
  });

  it('limits the position after the fill but lets reducing orders through', () => {
    const limits = model({ maxPosition: 2 });
    expect(limits.check(buy(1), context({ position: 2 }))).toEqual({ action: 'deny', reason: 'position after the order would be 3, beyond maxPosition 2' });
    expect(limits.check({ ...buy(3), side: 'sell' }, context({ position: 4 })).action).toBe('approve');
  });

  it('limits gross leverage after the fill: (exposure + added notional) / equity', () => {
    // Already 340,000 exposed (1 contract); one more adds 340,000: 680,000 / 500,000 = 1.36
    const limits = model({ maxGrossLeverage: 1.2 });
    expect(limits.check(buy(1), context({ position: 1, grossExposure: 340_000 }))).toEqual({ action: 'deny', reason: 'gross leverage after the order would be 1.36, beyond maxGrossLeverage 1.2' });
    expect(model({ maxGrossLeverage: 1.5 }).check(buy(1), context({ position: 1, grossExposure: 340_000 })).action).toBe('approve');
  });

  it('keeps limit and stop prices inside a band around the last price', () => {
    const limits = model({ priceBandPercent: 5 });
    // 16,000 is 5.88% below 17,000
    expect(limits.check(buy(1, { type: 'limit', limitPrice: 16_000 }), context())).toEqual({ action: 'deny', reason: 'limitPrice 16000 is 5.8824% from the last price 17000, beyond priceBandPercent 5' });
    expect(limits.check(buy(1, { type: 'stop', stopPrice: 17_500 }), context()).action).toBe('approve');
  });

  it('throttles the order rate over a sliding minute of clock time', () => {
    const limits = model({ maxOrdersPerMinute: 2 });
    expect(limits.check(buy(1), context({ time: 0 })).action).toBe('approve');
    expect(limits.check(buy(1), context({ time: 10_000 })).action).toBe('approve');
    expect(limits.check(buy(1), context({ time: 59_999 }))).toEqual({ action: 'deny', reason: 'more than 2 orders in the last minute' });
    // The first order leaves the window at 60 s
    expect(limits.check(buy(1), context({ time: 60_000 })).action).toBe('approve');
  });

  it('rejects invalid options', () => {
    expect(limitsOptions.safeParse({ maxPosition: -1 }).success).toBe(false);
    expect(limitsOptions.safeParse({ maxOrdersPerMinute: 1.5 }).success).toBe(false);
    expect(limitsOptions.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
