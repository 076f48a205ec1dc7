import { describe, expect, it } from 'vitest';
import { BrokerError } from '../errors/broker-error.js';
import { ConfigError } from '../errors/config-error.js';
import type { Order, OrderIntent } from '../model/order.js';
import { SimulatedVenue } from './simulated-venue.js';
import type { SimulatedVenueOptionsInput } from './simulated-venue-options.js';
import { MINUTE, T0, setup, bar } from './venue-test-harness.js';
import type { Request } from './venue-test-harness.js';

describe('SimulatedVenue timing', () => {
  it('fills a market order decided on a bar\'s close at the next bar\'s open, stamped with that bar\'s start', () => {
    const { fills, submit, close, statuses } = setup();
    close(bar('AAPL', 0, 100, 101, 99, 100.5));
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 10, type: 'market' });
    expect(fills).toHaveLength(0);
    close(bar('AAPL', 5, 100.75, 102, 100.5, 101.5));
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ orderId: id, price: 100.75, quantity: 10, fee: 0, time: T0 + 5 * MINUTE, liquidity: 'taker' });
    expect(statuses(id)).toEqual(['accepted', 'filled']);
  });

  it('waits for the first bar starting at or after submit time + latency', () => {
    const { fills, submit, close } = setup({ latencyMs: 6 * MINUTE });
    close(bar('AAPL', 0, 100, 101, 99, 100.5));
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' }); // at T0+5m, reaches the venue at T0+11m
    close(bar('AAPL', 5, 101, 101, 100, 100.5));
    close(bar('AAPL', 10, 102, 102, 101, 101.5));
    expect(fills).toHaveLength(0);
    close(bar('AAPL', 15, 103, 104, 102, 103.5));
    expect(fills.map((fill) => fill.price)).toEqual([103]);
  });

  it('fills at the close of the decision bar with fillPrice "close", slippage included', () => {
    const { fills, submit, close, clock } = setup({ fillPrice: 'close', slippage: { ticks: 1 } });
    close(bar('AAPL', 0, 100, 101, 99, 100.5));
    submit({ symbol: 'AAPL', side: 'buy', quantity: 10, type: 'market' });
    // 100.50 close + 1 tick of 0.01 against the buyer
    expect(fills).toMatchObject([{ price: 100.51, time: clock.now() }]);
  });

  it('refuses latency with fillPrice "close" and reports bad options as a ConfigError with paths', () => {
    expect(() => setup({ fillPrice: 'close', latencyMs: 100 })).toThrow(ConfigError);
    try {
      setup({ fees: { perContract: -1 }, dayEndsAt: { timeZone: 'Mars/Olympus' } } as SimulatedVenueOptionsInput);
      expect.unreachable();
    } catch (error) {
      const paths = (error as ConfigError).issues.map((issue) => issue.path);
      expect(paths).toEqual(['broker.options.fees.perContract', 'broker.options.dayEndsAt.timeZone']);
    }
  });

  it('fills orders only on bars of their own symbol', () => {
    const { fills, submit, close } = setup();
    submit({ symbol: 'NQ', side: 'buy', quantity: 1, type: 'market' });
    close(bar('AAPL', 0, 100, 101, 99, 100));
    expect(fills).toHaveLength(0);
    close(bar('NQ', 0, 17_000, 17_010, 16_990, 17_005));
    expect(fills.map((fill) => [fill.symbol, fill.price])).toEqual([['NQ', 17_000]]);
  });

  it('lets no order fill on a synthetic (gap-filling) bar', () => {
    const { fills, submit, close } = setup();
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' });
    close(bar('AAPL', 0, 100, 100, 100, 100, 0, true));
    expect(fills).toHaveLength(0);
    close(bar('AAPL', 5, 100.2, 100.4, 100, 100.1));
    expect(fills.map((fill) => fill.price)).toEqual([100.2]);
  });
});

describe('SimulatedVenue fees', () => {
  it('charges perContract × quantity on NQ', () => {
    const { fills, submit, close } = setup({ fees: { perContract: 2.5 } });
    submit({ symbol: 'NQ', side: 'buy', quantity: 3, type: 'market' });
    close(bar('NQ', 0, 17_000.25, 17_010, 16_990, 17_005));
    expect(fills[0]!.fee).toBe(7.5); // 3 × 2.50
  });

  it('charges bps of notional including the multiplier, plus taker bps on market fills', () => {
    const { fills, submit, close } = setup({ fees: { bps: 0.5, takerBps: 0.25, makerBps: 5 } });
    submit({ symbol: 'NQ', side: 'buy', quantity: 2, type: 'market' });
    close(bar('NQ', 0, 17_000, 17_010, 16_990, 17_005));
    // notional 2 × 17 000 × 20 = 680 000; (0.5 + 0.25) bps of it = 51
    expect(fills[0]!.fee).toBe(51);
  });

  it('charges maker bps on a resting limit and taker bps on a marketable one', () => {
    const { fills, submit, close } = setup({ fees: { makerBps: 1, takerBps: 3 } });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 100, type: 'limit', limitPrice: 99.5 });
    close(bar('AAPL', 0, 100, 100.5, 99.8, 100.2)); // not reached: rests
    close(bar('AAPL', 5, 100, 100.1, 99.4, 99.9)); // reached inside the bar
    submit({ symbol: 'AAPL', side: 'buy', quantity: 100, type: 'limit', limitPrice: 101 }); // marketable on arrival
    close(bar('AAPL', 10, 100, 100.3, 99.9, 100.1));
    // Maker: 100 × 99.50 = 9 950 × 1 bp = 0.995; taker: 100 × 100.00 = 10 000 × 3 bp = 3
    expect(fills.map((fill) => [fill.price, fill.liquidity, fill.fee])).toEqual([
      [99.5, 'maker', 0.995],
      [100, 'taker', 3],
    ]);
  });

  it('sums per-share and bps parts and applies the per-order minimum over split fills', () => {
    const { fills, submit, close } = setup({ fees: { perShare: 0.005, minimum: 1 }, participation: 0.1 });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 300, type: 'market' });
    for (let index = 0; index < 3; index++) close(bar('AAPL', index * 5, 100, 100, 100, 100, 1_000));
    // 100 shares per bar: raw running totals 0.50, 1.00, 1.50 → charged 1.00 (minimum), 0, 0.50
    expect(fills.map((fill) => fill.fee)).toEqual([1, 0, 0.5]);

    const summed = setup({ fees: { perShare: 0.01, bps: 2 } });
    summed.submit({ symbol: 'AAPL', side: 'sell', quantity: 50, type: 'market' });
    summed.close(bar('AAPL', 0, 120, 121, 119, 120));
    // 50 × 0.01 = 0.50, plus 2 bp of 50 × 120 = 6 000 → 1.20; total 1.70
    expect(summed.fills[0]!.fee).toBe(1.7);
  });
});

describe('SimulatedVenue slippage', () => {
  it('moves market fills by whole ticks against the order', () => {
    const { fills, submit, close } = setup({ slippage: { ticks: 2 } });
    submit({ symbol: 'NQ', side: 'buy', quantity: 1, type: 'market' });
    submit({ symbol: 'NQ', side: 'sell', quantity: 1, type: 'market' });
    close(bar('NQ', 0, 17_000, 17_010, 16_990, 17_005));
    // 2 ticks × 0.25 = 0.50
    expect(fills.map((fill) => fill.price)).toEqual([17_000.5, 16_999.5]);
  });

  it('rounds bps slippage up to whole ticks and adds it to tick slippage', () => {
    const bpsOnly = setup({ slippage: { bps: 5 } });
    bpsOnly.submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' });
    bpsOnly.submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'market' });
    bpsOnly.close(bar('AAPL', 0, 100.03, 100.5, 99.5, 100));
    // 5 bp of 100.03 = 0.050015 → 5.0015 ticks → 6 ticks of 0.01
    expect(bpsOnly.fills.map((fill) => fill.price)).toEqual([100.09, 99.97]);

    const both = setup({ slippage: { ticks: 1, bps: 5 } });
    both.submit({ symbol: 'NQ', side: 'buy', quantity: 1, type: 'market' });
    both.close(bar('NQ', 0, 17_000, 17_020, 16_990, 17_005));
    // 5 bp of 17 000 = 8.50 = 34 ticks exactly, plus 1 tick = 35 ticks = 8.75
    expect(both.fills[0]!.price).toBe(17_008.75);
  });

  it('never slips limit fills', () => {
    const { fills, submit, close } = setup({ slippage: { ticks: 4 } });
    submit({ symbol: 'NQ', side: 'sell', quantity: 1, type: 'limit', limitPrice: 17_010 });
    close(bar('NQ', 0, 17_000, 17_015, 16_995, 17_012));
    expect(fills[0]!.price).toBe(17_010);
  });
});

describe('SimulatedVenue participation', () => {
  it('caps each bar\'s fill at the participation share of volume and fills the rest on later bars', () => {
    const { fills, submit, close, latest, statuses } = setup({ participation: 0.1 });
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 60, type: 'market' });
    close(bar('AAPL', 0, 100, 100.2, 99.9, 100.1, 250));
    close(bar('AAPL', 5, 101, 101.2, 100.9, 101.1, 300));
    close(bar('AAPL', 10, 102, 102.2, 101.9, 102.1, 1_000));
    // Caps 25, 30, 100: 25 + 30 + the remaining 5
    expect(fills.map((fill) => [fill.quantity, fill.price])).toEqual([
      [25, 100],
      [30, 101],
      [5, 102],
    ]);
    expect(statuses(id)).toEqual(['accepted', 'partially_filled', 'partially_filled', 'filled']);
    // (25 × 100 + 30 × 101 + 5 × 102) / 60 = 6 040 / 60
    expect(latest(id)!.averageFillPrice).toBeCloseTo(6_040 / 60, 10);
  });

  it('rounds the cap down to the lot size', () => {
    const { fills, submit, close } = setup({ participation: 0.1, lotSize: 0.5 });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 4, type: 'market' });
    close(bar('AAPL', 0, 100, 100, 100, 100, 17)); // 1.7 → 1.5
    close(bar('AAPL', 5, 100, 100, 100, 100, 4)); // 0.4 → 0: nothing this bar
    close(bar('AAPL', 10, 100, 100, 100, 100, 100)); // 10 → the remaining 2.5
    expect(fills.map((fill) => fill.quantity)).toEqual([1.5, 2.5]);
  });
});

describe('SimulatedVenue validation and idempotency', () => {
  it('rejects malformed orders with a reason and never fills them', () => {
    const { fills, submit, close, latest } = setup();
    const cases: [Request, string][] = [
      [{ symbol: 'AAPL', side: 'buy', quantity: 0, type: 'market' }, 'quantity must be a positive number, was 0'],
      [{ symbol: 'AAPL', side: 'buy', quantity: -5, type: 'market' }, 'quantity must be a positive number, was -5'],
      [{ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit' }, 'limit order needs limitPrice, was undefined'],
      [{ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop_limit', limitPrice: 10 }, 'stop_limit order needs stopPrice, was undefined'],
      [{ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop', stopPrice: -1 }, 'stopPrice must be a positive number, was -1'],
      [{ symbol: 'ZZZ', side: 'buy', quantity: 1, type: 'market' }, 'unknown symbol "ZZZ": no instrument is configured for it'],
      [
        { symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market', bracket: { stopLoss: 110, takeProfit: 90 } },
        'bracket.stopLoss must be below bracket.takeProfit for a buy entry, was 110 vs 90',
      ],
    ];
    const ids = cases.map(([request]) => submit(request));
    close(bar('AAPL', 0, 100, 101, 99, 100));
    expect(fills).toHaveLength(0);
    expect(ids.map((id) => [latest(id)!.status, latest(id)!.reason])).toEqual(cases.map(([, reason]) => ['rejected', reason]));
  });

  it('ignores a second submit with the same clientOrderId', () => {
    const { fills, updates, venue, close, clock } = setup();
    const order: Order = {
      id: 'a',
      clientOrderId: 'retry-me',
      symbol: 'AAPL',
      side: 'buy',
      quantity: 5,
      type: 'market',
      timeInForce: 'gtc',
      status: 'submitted',
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    };
    venue.submit(order);
    venue.submit({ ...order, id: 'b' });
    venue.submit(order);
    close(bar('AAPL', 0, 100, 101, 99, 100));
    expect(updates.map((update) => [update.id, update.status])).toEqual([
      ['a', 'accepted'],
      ['a', 'filled'],
    ]);
    expect(fills.map((fill) => fill.quantity)).toEqual([5]);
  });

  it('rounds accepted prices to the tick size', () => {
    const { submit, latest } = setup();
    const id = submit({ symbol: 'NQ', side: 'buy', quantity: 1, type: 'stop_limit', stopPrice: 17_000.1, limitPrice: 17_000.4 });
    expect(latest(id)).toMatchObject({ status: 'accepted', stopPrice: 17_000, limitPrice: 17_000.5 });
  });
});

describe('SimulatedVenue cancel and modify', () => {
  it('cancels a working order, ignores a late cancel and refuses unknown ids', () => {
    const { fills, venue, submit, close, statuses, latest } = setup();
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 });
    venue.cancel(id);
    venue.cancel(id);
    close(bar('AAPL', 0, 89, 89, 88, 88.5));
    expect(fills).toHaveLength(0);
    expect(statuses(id)).toEqual(['accepted', 'canceled']);
    expect(latest(id)!.reason).toBe('canceled on request');
    expect(() => venue.cancel('nope')).toThrow(BrokerError);
    expect(() => venue.cancel('nope')).toThrow('cancel: no order with id "nope" was submitted to the simulated venue');
  });

  it('lists only working orders as open', async () => {
    const { venue, submit, close } = setup();
    const resting = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'market' });
    const canceled = submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'limit', limitPrice: 120 });
    venue.cancel(canceled);
    close(bar('AAPL', 0, 100, 101, 99, 100));
    expect((await venue.fetchOpenOrders()).map((order) => order.id)).toEqual([resting]);
  });

  it('modifies price and quantity of a working order and fills on the new terms', () => {
    const { fills, venue, submit, close, latest } = setup();
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 10, type: 'limit', limitPrice: 95 });
    close(bar('AAPL', 0, 100, 100.5, 98, 99)); // 95 not reached
    venue.modify(id, { limitPrice: 97.999, quantity: 12 });
    expect(latest(id)).toMatchObject({ status: 'accepted', limitPrice: 98, quantity: 12 });
    close(bar('AAPL', 5, 99, 99.5, 97.5, 98.5));
    expect(fills.map((fill) => [fill.quantity, fill.price])).toEqual([[12, 98]]);
  });

  it('refuses modifications that cannot apply', () => {
    const { venue, submit, close } = setup({ participation: 0.1 });
    const market = submit({ symbol: 'AAPL', side: 'buy', quantity: 50, type: 'market' });
    close(bar('AAPL', 0, 100, 100, 100, 100, 200)); // 20 filled
    expect(() => venue.modify(market, { quantity: 20 })).toThrow('quantity must be a number above the filled quantity 20, was 20');
    expect(() => venue.modify(market, { limitPrice: 99 })).toThrow('limitPrice applies to limit and stop_limit orders, this one is market');
    const stop = submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'stop', stopPrice: 90 });
    expect(() => venue.modify(stop, { stopPrice: 0 })).toThrow('stopPrice must be a positive number, was 0');
    venue.cancel(stop);
    expect(() => venue.modify(stop, { stopPrice: 91 })).toThrow('the order is already canceled');
  });
});
