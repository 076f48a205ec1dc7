import { SimulatedClock, type Fill, type Order } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { OrderTracker } from './order-tracker.js';
import type { VenueOrderSnapshot } from './venue-order.js';

const order: Order = Object.freeze({
  id: 'O-1',
  clientOrderId: 'c-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: 1,
  limitPrice: 100,
  timeInForce: 'gtc',
  status: 'submitted',
  filledQuantity: 0,
  averageFillPrice: Number.NaN,
  createdAt: 0,
  updatedAt: 0,
});

const snapshot = (fields: Partial<VenueOrderSnapshot>): VenueOrderSnapshot => ({
  clientOrderId: 'c-1',
  venueOrderId: 'V-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  status: 'accepted',
  quantity: 1,
  filledQuantity: 0,
  averageFillPrice: Number.NaN,
  limitPrice: 100,
  time: 10,
  ...fields,
});

function tracked() {
  const events: string[] = [];
  const fills: Fill[] = [];
  const tracker = new OrderTracker('venue', new SimulatedClock(0), () => ({
    onFill: (fill) => {
      fills.push(fill);
      events.push(`fill ${fill.quantity}`);
    },
    onOrderUpdate: (update) => events.push(`${update.status} ${update.filledQuantity}`),
  }));
  const entry = tracker.track(order);
  return { tracker, entry, events, fills };
}

describe('OrderTracker', () => {
  it('turns cumulative snapshots into fills (reported first) and order updates, ignoring replays and stale ones', () => {
    const { tracker, events, fills } = tracked();
    tracker.apply(snapshot({}));
    tracker.apply(snapshot({}));
    tracker.apply(snapshot({ status: 'partially_filled', filledQuantity: 0.25, averageFillPrice: 100, cumulativeFee: 0.1 }));
    // 0.75 filled at an average of 101: the new 0.5 filled at (0.75·101 − 0.25·100) / 0.5 = 101.5
    tracker.apply(snapshot({ status: 'partially_filled', filledQuantity: 0.75, averageFillPrice: 101, cumulativeFee: 0.3 }));
    tracker.apply(snapshot({ status: 'partially_filled', filledQuantity: 0.25, averageFillPrice: 100 }));
    tracker.apply(snapshot({ status: 'filled', filledQuantity: 1, averageFillPrice: 101.25, cumulativeFee: 0.4 }));
    tracker.apply(snapshot({ status: 'canceled', filledQuantity: 1, averageFillPrice: 101.25 }));
    expect(events).toEqual(['accepted 0', 'fill 0.25', 'partially_filled 0.25', 'fill 0.5', 'partially_filled 0.75', 'fill 0.25', 'filled 1']);
    expect(fills.map((fill) => [fill.price, fill.fee])).toEqual([
      [100, 0.1],
      [101.5, 0.2],
      [102, 0.1],
    ]);
    expect(fills.every((fill) => fill.orderId === 'O-1' && fill.clientOrderId === 'c-1')).toBe(true);
    const final = tracker.get('O-1')!.order;
    expect(final.averageFillPrice).toBeCloseTo(101.25, 12);
  });

  it('derives the status from the quantities when a fill arrives with a stale status', () => {
    const { tracker, events } = tracked();
    tracker.apply(snapshot({ status: 'accepted', filledQuantity: 1, averageFillPrice: 99 }));
    expect(events).toEqual(['fill 1', 'filled 1']);
  });

  it('keeps fills of a replaced venue order and ignores the venue cancel of the replaced order', () => {
    const { tracker, entry, events } = tracked();
    tracker.apply(snapshot({ status: 'partially_filled', filledQuantity: 0.4, averageFillPrice: 100 }));
    tracker.beginReplace(entry);
    tracker.apply(snapshot({ status: 'canceled', filledQuantity: 0.4, averageFillPrice: 100 }));
    // The replacement works the remaining 0.6 at a new price, under a new venue id
    tracker.endReplace(entry, snapshot({ venueOrderId: 'V-2', quantity: 0.6, limitPrice: 98 }));
    tracker.apply(snapshot({ venueOrderId: 'V-1', status: 'canceled', filledQuantity: 0.4, averageFillPrice: 100 }));
    tracker.apply(snapshot({ venueOrderId: 'V-2', status: 'filled', quantity: 0.6, filledQuantity: 0.6, averageFillPrice: 98, limitPrice: 98 }));
    expect(events).toEqual(['fill 0.4', 'partially_filled 0.4', 'partially_filled 0.4', 'fill 0.6', 'filled 1']);
    const final = tracker.get('O-1')!.order;
    expect(final.quantity).toBeCloseTo(1, 12);
    expect(final.limitPrice).toBe(98);
    expect(final.averageFillPrice).toBeCloseTo((0.4 * 100 + 0.6 * 98) / 1, 12);
  });

  it('adopts an order it did not send under a venue-derived id', () => {
    const { tracker, events } = tracked();
    const adopted = tracker.adopt(snapshot({ clientOrderId: 'other', venueOrderId: '777', filledQuantity: 0.5, averageFillPrice: 10, status: 'partially_filled' }));
    expect(adopted.id).toBe('venue:777');
    expect(adopted.filledQuantity).toBe(0.5);
    expect(events).toEqual(['partially_filled 0.5']);
    expect(tracker.byClientOrderId('other')?.order.id).toBe('venue:777');
  });

  it('rejects an order that never reached the venue', () => {
    const { tracker, entry, events } = tracked();
    const rejected = tracker.reject(entry, 'GM_BROKER_INSUFFICIENT_FUNDS: no money');
    expect(rejected.status).toBe('rejected');
    expect(events).toEqual(['rejected 0']);
    expect(tracker.apply(snapshot({}))).toBeUndefined();
  });
});
