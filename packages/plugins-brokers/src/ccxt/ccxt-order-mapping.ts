import type { Order as CcxtOrder, Position as CcxtPosition } from 'ccxt';
import type { OrderStatus, OrderType, Position, TimeInForce } from '@grandmodel/framework';
import type { VenueOrderSnapshot } from '../core/venue-order.js';

const STATUS: Record<string, OrderStatus> = { open: 'accepted', closed: 'filled', canceled: 'canceled', cancelled: 'canceled', expired: 'expired', rejected: 'rejected' };
const TIME_IN_FORCE: Record<string, TimeInForce> = { GTC: 'gtc', IOC: 'ioc', FOK: 'fok', PO: 'gtc', GTD: 'day' };

const finite = (value: number | undefined | null): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The framework order type of a ccxt order (ccxt reports stops as market/limit with a trigger price, or as `stop_loss`...). */
export function frameworkOrderType(order: CcxtOrder): OrderType {
  const type = (order.type ?? 'limit').toLowerCase();
  const trigger = finite(order.triggerPrice) ?? finite(order.stopPrice);
  const isStop = type.includes('stop') || type.includes('take_profit') || (trigger !== undefined && trigger > 0);
  const isLimit = type.includes('limit') || (type === 'stop' && order.price !== undefined && (order.price ?? 0) > 0);
  if (isStop) return isLimit ? 'stop_limit' : 'stop';
  return type === 'market' ? 'market' : 'limit';
}

/** Maps a ccxt order to a venue snapshot; `prefix` is removed from the client order id. */
export function snapshotFromCcxt(order: CcxtOrder, prefix: string, fallback: { clientOrderId: string; time: number }): VenueOrderSnapshot {
  const type = frameworkOrderType(order);
  const filled = finite(order.filled) ?? 0;
  const average = finite(order.average) ?? (filled > 0 && finite(order.cost) !== undefined ? order.cost! / filled : Number.NaN);
  const clientOrderId = order.clientOrderId !== undefined && order.clientOrderId.startsWith(prefix) ? order.clientOrderId.slice(prefix.length) : (order.clientOrderId ?? fallback.clientOrderId);
  const limitPrice = type === 'limit' || type === 'stop_limit' ? finite(order.price) : undefined;
  const stopPrice = type === 'stop' || type === 'stop_limit' ? (finite(order.triggerPrice) ?? finite(order.stopPrice)) : undefined;
  const timeInForce = order.timeInForce === undefined ? undefined : TIME_IN_FORCE[order.timeInForce];
  const status = STATUS[order.status ?? 'open'] ?? 'accepted';
  return {
    clientOrderId,
    venueOrderId: String(order.id),
    symbol: order.symbol ?? '',
    side: order.side === 'sell' ? 'sell' : 'buy',
    type,
    status: status === 'accepted' && filled > 0 ? 'partially_filled' : status,
    quantity: finite(order.amount) ?? 0,
    filledQuantity: filled,
    averageFillPrice: average,
    time: finite(order.lastUpdateTimestamp) ?? finite(order.lastTradeTimestamp) ?? finite(order.timestamp) ?? fallback.time,
    ...(limitPrice === undefined || limitPrice <= 0 ? {} : { limitPrice }),
    ...(stopPrice === undefined || stopPrice <= 0 ? {} : { stopPrice }),
    ...(timeInForce === undefined ? {} : { timeInForce }),
    ...(status === 'rejected' ? { reason: `rejected by the exchange (${String((order.info as Record<string, unknown> | undefined)?.['r'] ?? order.status)})` } : {}),
  };
}

/** Maps a ccxt derivatives position (contracts × contract size, signed by side). */
export function positionFromCcxt(position: CcxtPosition): Position {
  const size = (finite(position.contracts) ?? 0) * (finite(position.contractSize) ?? 1);
  const quantity = position.side === 'short' ? -size : size;
  return {
    symbol: position.symbol ?? '',
    quantity,
    averagePrice: quantity === 0 ? Number.NaN : (finite(position.entryPrice) ?? Number.NaN),
    realizedPnl: finite(position.realizedPnl) ?? 0,
    unrealizedPnl: finite(position.unrealizedPnl) ?? 0,
    markPrice: finite(position.markPrice) ?? Number.NaN,
  };
}
