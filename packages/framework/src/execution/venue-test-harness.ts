// Shared harness of the simulated-venue tests: a venue on a simulated clock with a recording listener
import { SimulatedClock } from '../clock/clock.js';
import type { Bar } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import { createInstrument } from '../model/instrument.js';
import type { Instrument } from '../model/instrument.js';
import type { Order, OrderIntent } from '../model/order.js';
import { SimulatedVenue } from './simulated-venue.js';
import type { SimulatedVenueOptionsInput } from './simulated-venue-options.js';

export const MINUTE = 60_000;
export const T0 = Date.UTC(2024, 0, 2, 14, 30);
export const INSTRUMENTS: Record<string, Instrument> = {
  NQ: createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20, marginRate: 0.05 }),
  AAPL: createInstrument({ symbol: 'AAPL', tickSize: 0.01 }),
};

export type Request = Pick<OrderIntent, 'symbol' | 'side' | 'quantity' | 'type'> & Partial<Order>;

/** A venue with a recording listener; `close(bar)` plays a bar and moves the clock to its end, as the engine does. */
export function setup(options: SimulatedVenueOptionsInput = {}) {
  const clock = new SimulatedClock(T0);
  const venue = new SimulatedVenue(options, { clock, instruments: (symbol) => INSTRUMENTS[symbol] });
  const fills: Fill[] = [];
  const updates: Order[] = [];
  venue.setListener({ onFill: (fill) => fills.push(fill), onOrderUpdate: (order) => updates.push(order) });
  let sequence = 0;
  const submit = (request: Request): string => {
    sequence++;
    const order: Order = {
      id: `o${sequence}`,
      clientOrderId: `c${sequence}`,
      timeInForce: 'gtc',
      status: 'submitted',
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      createdAt: clock.now(),
      updatedAt: clock.now(),
      ...request,
    };
    venue.submit(order);
    return order.id;
  };
  const close = (bar: Bar): void => {
    venue.onBar(bar);
    clock.set(bar.end);
  };
  const latest = (id: string): Order | undefined => updates.filter((order) => order.id === id).at(-1);
  const statuses = (id: string): string[] => updates.filter((order) => order.id === id).map((order) => order.status);
  return { clock, venue, fills, updates, submit, close, latest, statuses };
}

/** A 5-minute bar starting `minutes` after T0. */
export function bar(symbol: string, minutes: number, open: number, high: number, low: number, close: number, volume = 10_000, synthetic = false): Bar {
  return { symbol, timeframe: '5m', start: T0 + minutes * MINUTE, end: T0 + (minutes + 5) * MINUTE, open, high, low, close, volume, synthetic };
}
