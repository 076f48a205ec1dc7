import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/clock.js';
import { SimulatedVenue } from '../execution/simulated-venue.js';
import { createInstrument } from '../model/instrument.js';
import type { Order } from '../model/order.js';
import { describeBrokerContract, ListenerRecorder, waitFor } from './broker-contract.js';

const instrument = createInstrument({ symbol: 'TEST', tickSize: 0.01 });

/** A fresh simulated venue whose fills the suite drives with one bar per fill. */
function simSubject() {
  const clock = new SimulatedClock(Date.parse('2024-01-02T00:00:00Z'));
  const venue = new SimulatedVenue({ participation: 1 }, { clock, instruments: (symbol) => (symbol === 'TEST' ? instrument : undefined) });
  return {
    broker: venue,
    venueControl: {
      // A flat bar at the price with just enough volume (participation 1) to fill the requested quantity
      fill(order: Order, price: number, quantity?: number) {
        clock.advance(60_000);
        const start = clock.now();
        const volume = quantity ?? order.quantity - order.filledQuantity;
        venue.onBar({ symbol: order.symbol, timeframe: '1m', start, end: start + 60_000, open: price, high: price, low: price, close: price, volume: quantity === undefined ? 1e9 : volume, synthetic: false });
      },
    },
  };
}

describeBrokerContract('sim', { create: async () => simSubject(), symbol: 'TEST', restingBuyPrice: 50, restingSellPrice: 500, quantity: 2, fills: true });

describe('broker contract helpers', () => {
  it('ListenerRecorder keeps fills and updates in arrival order, per order', () => {
    const recorder = new ListenerRecorder();
    const base = { id: 'A', clientOrderId: 'a', symbol: 'X', side: 'buy', type: 'limit', quantity: 1, timeInForce: 'gtc', filledQuantity: 0, averageFillPrice: Number.NaN, createdAt: 0, updatedAt: 0 } as const;
    recorder.onOrderUpdate({ ...base, status: 'accepted' });
    recorder.onFill({ orderId: 'A', clientOrderId: 'a', symbol: 'X', side: 'buy', quantity: 1, price: 2, fee: 0, time: 1, liquidity: 'maker' });
    recorder.onOrderUpdate({ ...base, status: 'filled', filledQuantity: 1 });
    recorder.onOrderUpdate({ ...base, id: 'B', status: 'accepted' });
    expect(recorder.updates('A').map((order) => order.status)).toEqual(['accepted', 'filled']);
    expect(recorder.fills('A').map((fill) => fill.price)).toEqual([2]);
    expect(recorder.latest('B')?.status).toBe('accepted');
    expect(recorder.events.map((event) => event.kind)).toEqual(['order', 'fill', 'order', 'order']);
  });

  it('waitFor resolves once the condition holds and fails with the description after the timeout', async () => {
    let ready = false;
    setTimeout(() => (ready = true), 20);
    await waitFor(() => ready, 'the flag', 1_000);
    expect(ready).toBe(true);
    await expect(waitFor(() => false, 'something that never happens', 30)).rejects.toThrow('Timed out after 30 ms waiting for something that never happens');
  });
});
