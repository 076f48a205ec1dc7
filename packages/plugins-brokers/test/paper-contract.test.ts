import { createInstrument, SimulatedClock, type Order } from '@grandmodel/framework';
import { describeBrokerContract, ListenerRecorder } from '@grandmodel/framework/testing';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from '../src/paper/paper-broker.js';

const instrument = createInstrument({ symbol: 'BTC/USDT', tickSize: 0.01 });

/** A paper broker whose "live feed" is driven by the test: one bar per fill. */
function paperSubject(portfolio?: { cash: number; equity: number }) {
  const clock = new SimulatedClock(Date.parse('2024-03-01T00:00:00Z'));
  const broker = new PaperBroker(
    { participation: 1, lotSize: 0.0001, fees: { bps: 10 } },
    {
      clock,
      instruments: (symbol) => (symbol === instrument.symbol ? instrument : undefined),
      ...(portfolio === undefined ? {} : { portfolio: { ...portfolio, grossExposure: 0, position: () => undefined } }),
    },
  );
  const bar = (price: number, volume: number) => {
    clock.advance(60_000);
    const start = clock.now();
    broker.onBar({ symbol: instrument.symbol, timeframe: '1m', start, end: start + 60_000, open: price, high: price, low: price, close: price, volume, synthetic: false });
  };
  return {
    broker,
    bar,
    venueControl: {
      fill(order: Order, price: number, quantity?: number) {
        bar(price, quantity ?? 1e9);
      },
    },
  };
}

describeBrokerContract('paper', { create: async () => paperSubject({ cash: 100_000, equity: 100_000 }), symbol: 'BTC/USDT', restingBuyPrice: 1_000, restingSellPrice: 900_000, quantity: 0.5, fills: true });

describe('paper broker', () => {
  const order = (fields: Partial<Order>): Order =>
    ({ id: 'P-1', clientOrderId: 'p-1', symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 2, timeInForce: 'gtc', status: 'submitted', filledQuantity: 0, averageFillPrice: Number.NaN, createdAt: 0, updatedAt: 0, ...fields }) as Order;

  it('fills a market order at the next live bar and keeps the net position from its fills', async () => {
    const subject = paperSubject();
    const recorder = new ListenerRecorder();
    subject.broker.setListener(recorder);
    subject.broker.submit(order({}));
    subject.bar(100, 1e6);
    subject.broker.submit(order({ id: 'P-2', clientOrderId: 'p-2', side: 'sell', quantity: 0.5 }));
    subject.bar(110, 1e6);
    const fills = recorder.events.flatMap((event) => (event.kind === 'fill' ? [event.fill] : []));
    expect(fills.map((fill) => [fill.orderId, fill.quantity, fill.price])).toEqual([
      ['P-1', 2, 100],
      ['P-2', 0.5, 110],
    ]);
    // 10 bps of notional: 2 × 100 × 0.001 = 0.2, then 0.5 × 110 × 0.001 = 0.055
    expect(fills[0]!.fee).toBeCloseTo(0.2, 10);
    expect(fills[1]!.fee).toBeCloseTo(0.055, 10);
    const [position] = await subject.broker.fetchPositions();
    // 1.5 left at the 100 entry; 0.5 closed at +10; marked at the last close 110
    expect(position).toEqual({ symbol: 'BTC/USDT', quantity: 1.5, averagePrice: 100, realizedPnl: 5, unrealizedPnl: 15, markPrice: 110 });
  });

  it('reports cash and equity from the run portfolio, and says fetchAccount is not supported without one', async () => {
    const withPortfolio = paperSubject({ cash: 12_345, equity: 13_000 });
    expect(withPortfolio.broker.has.fetchAccount).toBe(true);
    await expect(withPortfolio.broker.fetchAccount()).resolves.toEqual({ currency: 'USD', cash: 12_345, equity: 13_000 });
    const without = paperSubject();
    expect(without.broker.has.fetchAccount).toBe(false);
    await expect(without.broker.fetchAccount()).rejects.toMatchObject({ code: 'GM_BROKER_NOT_SUPPORTED' });
  });

  it('uses the same options as sim, defaults filled in', () => {
    const subject = paperSubject();
    expect(subject.broker.options.fees.bps).toBe(10);
    expect(subject.broker.options.fillPrice).toBe('next_open');
    expect(subject.broker.venue).toBe('paper');
  });
});
