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
  // Written out field by field: a helper closure here would be allocated on every call
  return {
    id: 'id' in changes ? (changes.id as Order['id']) : order.id,
    clientOrderId: 'clientOrderId' in changes ? (changes.clientOrderId as Order['clientOrderId']) : order.clientOrderId,
    symbol: 'symbol' in changes ? (changes.symbol as Order['symbol']) : order.symbol,
    side: 'side' in changes ? (changes.side as Order['side']) : order.side,
    type: 'type' in changes ? (changes.type as Order['type']) : order.type,
    quantity: 'quantity' in changes ? (changes.quantity as Order['quantity']) : order.quantity,
    limitPrice: 'limitPrice' in changes ? (changes.limitPrice as Order['limitPrice']) : order.limitPrice,
    stopPrice: 'stopPrice' in changes ? (changes.stopPrice as Order['stopPrice']) : order.stopPrice,
    timeInForce: 'timeInForce' in changes ? (changes.timeInForce as Order['timeInForce']) : order.timeInForce,
    bracket: 'bracket' in changes ? (changes.bracket as Order['bracket']) : order.bracket,
    reduceOnly: 'reduceOnly' in changes ? (changes.reduceOnly as Order['reduceOnly']) : order.reduceOnly,
    tag: 'tag' in changes ? (changes.tag as Order['tag']) : order.tag,
    metadata: 'metadata' in changes ? (changes.metadata as Order['metadata']) : order.metadata,
    status: 'status' in changes ? (changes.status as Order['status']) : order.status,
    filledQuantity: 'filledQuantity' in changes ? (changes.filledQuantity as Order['filledQuantity']) : order.filledQuantity,
    averageFillPrice: 'averageFillPrice' in changes ? (changes.averageFillPrice as Order['averageFillPrice']) : order.averageFillPrice,
    createdAt: 'createdAt' in changes ? (changes.createdAt as Order['createdAt']) : order.createdAt,
    updatedAt: 'updatedAt' in changes ? (changes.updatedAt as Order['updatedAt']) : order.updatedAt,
    parentId: 'parentId' in changes ? (changes.parentId as Order['parentId']) : order.parentId,
    reason: 'reason' in changes ? (changes.reason as Order['reason']) : order.reason,
  };
}
