import type { Order, OrderIntent } from './order.js';

/** Fields the order manager adds to an intent to make an order. */
export type OrderState = Pick<Order, 'id' | 'clientOrderId' | 'timeInForce' | 'status' | 'filledQuantity' | 'averageFillPrice' | 'createdAt' | 'updatedAt'> &
  Partial<Pick<Order, 'parentId' | 'reason'>>;

/**
 * Builds an order from an intent and its state, with every Order field in one fixed order. Orders are created
 * and replaced on hot paths; one object shape keeps property access monomorphic (spreading into a 20-field
 * literal would not), and `readonly` types — not freezing — keep them immutable.
 */
export function createOrderRecord(intent: OrderIntent, state: OrderState): Order {
  return {
    id: state.id,
    clientOrderId: state.clientOrderId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    quantity: intent.quantity,
    limitPrice: intent.limitPrice,
    stopPrice: intent.stopPrice,
    timeInForce: state.timeInForce,
    bracket: intent.bracket,
    reduceOnly: intent.reduceOnly,
    tag: intent.tag,
    metadata: intent.metadata,
    status: state.status,
    filledQuantity: state.filledQuantity,
    averageFillPrice: state.averageFillPrice,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    parentId: state.parentId,
    reason: state.reason,
  };
}

/** Returns `order` with `changes` applied (a key present with `undefined` clears the field). */
export function withOrderChanges(order: Order, changes: Partial<Order>): Order {
  const pick = <K extends keyof Order>(key: K): Order[K] => (key in changes ? (changes[key] as Order[K]) : order[key]);
  return {
    id: pick('id'),
    clientOrderId: pick('clientOrderId'),
    symbol: pick('symbol'),
    side: pick('side'),
    type: pick('type'),
    quantity: pick('quantity'),
    limitPrice: pick('limitPrice'),
    stopPrice: pick('stopPrice'),
    timeInForce: pick('timeInForce'),
    bracket: pick('bracket'),
    reduceOnly: pick('reduceOnly'),
    tag: pick('tag'),
    metadata: pick('metadata'),
    status: pick('status'),
    filledQuantity: pick('filledQuantity'),
    averageFillPrice: pick('averageFillPrice'),
    createdAt: pick('createdAt'),
    updatedAt: pick('updatedAt'),
    parentId: pick('parentId'),
    reason: pick('reason'),
  };
}
