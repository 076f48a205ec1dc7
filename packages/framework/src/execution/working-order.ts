import type { Instrument } from '../model/instrument.js';
import { TERMINAL_ORDER_STATUSES } from '../model/order.js';
import type { Order } from '../model/order.js';
import { NO_TOUCH } from './bar-path.js';
import type { Liquidity } from './fee-schedule.js';

/** Quantities closer than this count as equal (guards fractional lots against float residue). */
export const QUANTITY_EPSILON = 1e-9;

/**
 * The simulated venue's private, mutable record of one order. `order` always holds the latest immutable
 * snapshot sent to the listener; the other fields are the venue's bookkeeping.
 */
export class WorkingOrder {
  /** Latest state, as last reported to the listener. */
  order: Order;
  readonly instrument: Instrument;
  /** First bar start (epoch ms) at which the order can fill: submit time + latency. */
  readonly eligibleAt: number;
  /** Day end for DAY orders (epoch ms); Infinity otherwise. */
  readonly expiresAt: number;
  /** The stop of a stop or stop-limit order has been hit; a triggered stop fills as a market order. */
  triggered = false;
  /** Bars on which the order was evaluated; 0 until its first eligible bar. */
  barsEvaluated = 0;
  /** Fees of all fills before the per-order minimum, and what was actually charged. */
  rawFees = 0;
  chargedFees = 0;

  /** For a bracket leg: the other leg of its one-cancels-other pair. */
  sibling: WorkingOrder | undefined;
  /** For a bracket leg: true for the stop-loss, false for the take-profit. */
  isStopLeg = false;
  /** For an entry with a bracket: its current legs and how many leg pairs it has created. */
  stopLeg: WorkingOrder | undefined;
  profitLeg: WorkingOrder | undefined;
  legPairs = 0;

  // Per-bar scratch written by evaluateOrder and read by the venue inside one onBar call
  /** Path position where the order becomes active in the current bar (0, or its entry's fill position). */
  activeFrom = 0;
  /** Path position of this bar's fill, or NO_TOUCH. */
  pendingPosition = NO_TOUCH;
  pendingPrice = Number.NaN;
  pendingLiquidity: Liquidity = 'taker';

  constructor(order: Order, instrument: Instrument, eligibleAt: number, expiresAt: number) {
    this.order = order;
    this.instrument = instrument;
    this.eligibleAt = eligibleAt;
    this.expiresAt = expiresAt;
  }

  /** True until the order reaches a final status. */
  get alive(): boolean {
    return !TERMINAL_ORDER_STATUSES.has(this.order.status);
  }

  /** Quantity still to fill. */
  get remaining(): number {
    const remaining = this.order.quantity - this.order.filledQuantity;
    return remaining < QUANTITY_EPSILON ? 0 : remaining;
  }
}
