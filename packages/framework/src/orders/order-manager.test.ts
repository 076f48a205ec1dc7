import { describe, expect, it } from 'vitest';
import { EventBus } from '../bus/event-bus.js';
import { SimulatedClock } from '../clock/clock.js';
import type { Broker, BrokerListener } from '../kinds/broker.js';
import type { Order } from '../model/order.js';
import { withOrderChanges } from '../model/order-record.js';
import { RiskEngine } from '../risk/risk-engine.js';
import { OrderManager } from './order-manager.js';
import type { PortfolioView } from './portfolio-view.js';

const flat: PortfolioView = { equity: 1e6, cash: 1e6, grossExposure: 0, position: () => undefined };

/** A broker that records what it was sent and lets the test play venue updates. */
class RecordingBroker implements Broker {
  readonly venue = 'recording';
  readonly has = { market: true, cancel: true } as const;
  readonly sent: Order[] = [];
  listener!: BrokerListener;
  failNextSubmit: Error | undefined;
  setListener(listener: BrokerListener): void {
    this.listener = listener;
  }
  submit(order: Order): void | Promise<void> {
    this.sent.push(order);
    if (this.failNextSubmit !== undefined) {
      const error = this.failNextSubmit;
      this.failNextSubmit = undefined;
      return Promise.reject(error);
    }
    this.listener.onOrderUpdate(withOrderChanges(order, { status: 'accepted' }));
  }
  cancel(): void {}
  modify(): void {}
}

function setup() {
  const bus = new EventBus();
  const clock = new SimulatedClock(1_000);
  const risk = new RiskEngine(bus, clock, flat);
  const orders = new OrderManager(bus, clock, risk);
  const broker = new RecordingBroker();
  orders.attachBroker(broker);
  const events: string[] = [];
  for (const name of ['order.submitted', 'order.accepted', 'order.denied', 'order.rejected', 'order.partially_filled', 'order.filled'] as const) {
    bus.on(name, (event) => void events.push(`${name} ${event.order.id}`));
  }
  return { bus, clock, risk, orders, broker, events };
}

describe('OrderManager', () => {
  it("never sends a second order for a repeated client order id, generated or the caller's", () => {
    const { orders, broker } = setup();
    const first = orders.submit({ symbol: 'X', side: 'buy', quantity: 1, type: 'market' });
    const own = orders.submit({ symbol: 'X', side: 'buy', quantity: 1, type: 'market', clientOrderId: 'mine-1' });
    expect(orders.submit({ symbol: 'X', side: 'buy', quantity: 9, type: 'market', clientOrderId: first.clientOrderId }).id).toBe(first.id);
    expect(orders.submit({ symbol: 'X', side: 'buy', quantity: 9, type: 'market', clientOrderId: 'mine-1' }).id).toBe(own.id);
    expect(broker.sent.map((o) => o.clientOrderId)).toEqual(['gm-1', 'mine-1']);
  });

  it('derives the filled state and average price from fills, partial then complete', () => {
    const { orders, broker, events } = setup();
    const order = orders.submit({ symbol: 'X', side: 'buy', quantity: 3, type: 'market' });
    const fill = (quantity: number, price: number) => ({ orderId: order.id, clientOrderId: order.clientOrderId, symbol: 'X', side: 'buy' as const, quantity, price, fee: 0, time: 2_000, liquidity: 'taker' as const });
    broker.listener.onFill(fill(1, 100));
    expect(orders.get(order.id)).toMatchObject({ status: 'partially_filled', filledQuantity: 1, averageFillPrice: 100 });
    broker.listener.onFill(fill(2, 103));
    // (1 × 100 + 2 × 103) / 3 = 102
    expect(orders.get(order.id)).toMatchObject({ status: 'filled', filledQuantity: 3, averageFillPrice: 102 });
    expect(orders.openOrders()).toEqual([]);
    expect(events).toEqual([`order.submitted ${order.id}`, `order.accepted ${order.id}`, `order.partially_filled ${order.id}`, `order.filled ${order.id}`]);
  });

  it("turns a broker submit that fails later into a rejected order with the broker's message", async () => {
    const { orders, broker, events } = setup();
    const failures: string[] = [];
    orders.onBrokerError((operation, id, error) => void failures.push(`${operation} ${id}: ${error.message}`));
    broker.failNextSubmit = new Error('venue unavailable');
    const order = orders.submit({ symbol: 'X', side: 'sell', quantity: 1, type: 'market' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(orders.get(order.id)).toMatchObject({ status: 'rejected', reason: 'broker: venue unavailable' });
    expect(events).toContain(`order.rejected ${order.id}`);
    expect(failures).toEqual([`submit ${order.id}: venue unavailable`]);
  });

  it('refuses malformed intents with an error and denies by risk with an event', () => {
    const { orders, risk, events } = setup();
    expect(() => orders.submit({ symbol: 'X', side: 'buy', quantity: 0, type: 'limit' })).toThrowError(/quantity: expected a positive number, was 0; limitPrice: a limit order needs a positive limit price/);
    risk.setTradingState('halted', 'test', 'test');
    const denied = orders.submit({ symbol: 'X', side: 'buy', quantity: 1, type: 'market' });
    expect(denied).toMatchObject({ status: 'denied', reason: 'trading-state: trading is halted' });
    expect(events).toEqual([`order.submitted ${denied.id}`, `order.denied ${denied.id}`]);
    expect(() => orders.get('O-999999')).toThrowError(expect.objectContaining({ code: 'GM_ORDER_NOT_FOUND' }));
  });
});
