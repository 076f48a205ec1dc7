import type { Order, OrderIntent } from './order.js';

/**
 * Returns `order` with `changes` applied, as a new object with every Order field in one fixed order.
 * Orders are created and replaced on hot paths; one object shape keeps property access monomorphic,
 * and `readonly` types (not freezing) keep them immutable.
 */
export function withOrderChanges(order: Order, changes: Partial<Order>): Order {
  return createOrderRecord({ ...order, ...changes } as Order);
}

/** Builds an order record with the fixed field order from any object carrying the Order fields. */
export function createOrderRecord(fields: OrderIntent & Omit<Order, keyof OrderIntent> & { clientOrderId: string; timeInForce: Order['timeInForce'] }): Order {
  return {
    id: fields.id,
    clientOrderId: fields.clientOrderId,
    symbol: fields.symbol,
    side: fields.side,
    type: fields.type,
    quantity: fields.quantity,
    limitPrice: fields.limitPrice,
    stopPrice: fields.stopPrice,
    timeInForce: fields.timeInForce,
    bracket: fields.bracket,
    reduceOnly: fields.reduceOnly,
    tag: fields.tag,
    metadata: fields.metadata,
    status: fields.status,
    filledQuantity: fields.filledQuantity,
    averageFillPrice: fields.averageFillPrice,
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    parentId: fields.parentId,
    reason: fields.reason,
  };
}
