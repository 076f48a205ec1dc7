import { roundToTick } from '../model/instrument.js';
import type { OrderSide } from '../model/order.js';

// Float guard: 2.0000000001 ticks is 2 ticks, not 3
const TICK_EPSILON = 1e-9;

/**
 * Returns `price` moved against the order: `ticks × tickSize`, plus `bps` of the price rounded up to
 * whole ticks. Buys pay more, sells receive less. The result is on the tick grid and at least one tick.
 */
export function slippedPrice(price: number, side: OrderSide, tickSize: number, ticks: number, bps: number): number {
  const base = roundToTick(price, tickSize);
  let totalTicks = ticks;
  if (bps > 0) totalTicks += Math.ceil((base * bps) / 10_000 / tickSize - TICK_EPSILON);
  if (totalTicks === 0) return base;
  const moved = side === 'buy' ? base + totalTicks * tickSize : base - totalTicks * tickSize;
  return Math.max(tickSize, roundToTick(moved, tickSize));
}
