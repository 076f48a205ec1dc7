import type { Bar } from '../model/bar.js';
import type { Order } from '../model/order.js';
import { NO_TOUCH } from './bar-path.js';
import { evaluateOrder } from './order-evaluation.js';
import type { SlippageSettings } from './order-evaluation.js';
import { QUANTITY_EPSILON, WorkingOrder } from './working-order.js';

/** The parts of the simulated venue that bracket handling uses. */
export interface VenueCore {
  readonly slippage: SlippageSettings;
  /** The bar being processed, or undefined outside `onBar`. */
  currentBar(): Bar | undefined;
  /** Registers a new accepted order and reports it. */
  track(work: WorkingOrder): void;
  /** Replaces fields of an order and reports the new state. */
  update(work: WorkingOrder, changes: Partial<Order>): void;
  /** Moves an order to a final status with a reason. */
  finish(work: WorkingOrder, status: 'canceled' | 'expired', reason: string, time: number): void;
}

/**
 * Protects `quantity` just filled on a bracket entry. While the entry's legs still work they grow by
 * `quantity`; otherwise a new pair is created: a stop at `stopLoss` and a limit at `takeProfit`, on the
 * opposite side, GTC, reduce-only, one-cancels-other. New legs are active from the entry's fill
 * position, so inside `onBar` they can fill later on the same bar.
 */
export function protectEntryFill(core: VenueCore, entry: WorkingOrder, quantity: number, position: number, time: number): void {
  const bracket = entry.order.bracket;
  if (bracket === undefined || (bracket.stopLoss === undefined && bracket.takeProfit === undefined)) return;
  const stopAlive = entry.stopLeg?.alive === true;
  const profitAlive = entry.profitLeg?.alive === true;
  if (stopAlive || profitAlive) {
    if (stopAlive) core.update(entry.stopLeg!, { quantity: entry.stopLeg!.order.quantity + quantity, updatedAt: time });
    if (profitAlive) core.update(entry.profitLeg!, { quantity: entry.profitLeg!.order.quantity + quantity, updatedAt: time });
    return;
  }
  entry.legPairs++;
  const stop = bracket.stopLoss === undefined ? undefined : createLeg(entry, 'sl', { type: 'stop', stopPrice: bracket.stopLoss }, quantity, time);
  const profit = bracket.takeProfit === undefined ? undefined : createLeg(entry, 'tp', { type: 'limit', limitPrice: bracket.takeProfit }, quantity, time);
  if (stop !== undefined) stop.isStopLeg = true;
  if (stop !== undefined && profit !== undefined) {
    stop.sibling = profit;
    profit.sibling = stop;
  }
  entry.stopLeg = stop;
  entry.profitLeg = profit;
  const bar = core.currentBar();
  for (const leg of [stop, profit]) {
    if (leg === undefined) continue;
    core.track(leg);
    if (bar === undefined) continue;
    leg.activeFrom = position;
    evaluateOrder(leg, bar, position, core.slippage);
  }
  if (stop !== undefined && profit !== undefined) resolveBothLegsTouched(stop, profit);
}

/**
 * Applies the both-touched rule when both legs of a pair would fill on the same bar: the stop fills
 * first (the conservative assumption), unless the take-profit filled the instant the pair became
 * active (the bar opened through it), which is unambiguous.
 */
export function resolveBothLegsTouched(stop: WorkingOrder, profit: WorkingOrder): void {
  if (stop.pendingPosition === NO_TOUCH || profit.pendingPosition === NO_TOUCH) return;
  const profitAtOpen = profit.pendingPosition === profit.activeFrom && profit.pendingPosition < stop.pendingPosition;
  if (profitAtOpen) stop.pendingPosition = NO_TOUCH;
  else profit.pendingPosition = NO_TOUCH;
}

/** Shrinks the other leg by the quantity one leg just filled; cancels it when nothing is left. */
export function shrinkSibling(core: VenueCore, sibling: WorkingOrder, quantity: number, time: number): void {
  if (!sibling.alive) return;
  const quantityLeft = sibling.order.quantity - quantity;
  if (quantityLeft - sibling.order.filledQuantity <= QUANTITY_EPSILON) {
    core.finish(sibling, 'canceled', 'one-cancels-other: the other bracket leg filled', time);
    return;
  }
  core.update(sibling, { quantity: quantityLeft, updatedAt: time });
}

function createLeg(
  entry: WorkingOrder,
  suffix: 'sl' | 'tp',
  shape: Pick<Order, 'type' | 'stopPrice' | 'limitPrice'>,
  quantity: number,
  time: number,
): WorkingOrder {
  const parent = entry.order;
  const order: Order = Object.freeze({
    id: `${parent.id}-${suffix}${entry.legPairs}`,
    clientOrderId: `${parent.clientOrderId}-${suffix}${entry.legPairs}`,
    parentId: parent.id,
    symbol: parent.symbol,
    side: parent.side === 'buy' ? 'sell' : 'buy',
    quantity,
    ...shape,
    timeInForce: 'gtc',
    reduceOnly: true,
    status: 'accepted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: time,
    updatedAt: time,
    ...(parent.tag === undefined ? {} : { tag: parent.tag }),
  });
  // Legs are created by the venue itself, so no latency: active at once, never expiring
  return new WorkingOrder(order, entry.instrument, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
}
