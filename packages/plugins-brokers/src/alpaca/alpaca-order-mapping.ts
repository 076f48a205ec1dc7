import type { trading } from '@alpacahq/alpaca-trade-api';
import type { OrderStatus, OrderType, Position, TimeInForce } from '@grandmodel/framework';
import type { VenueOrderSnapshot } from '../core/venue-order.js';

const STATUS: Record<string, OrderStatus> = {
  partially_filled: 'partially_filled',
  filled: 'filled',
  canceled: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
  // The replaced venue order ends; the order lives on as its replacement
  replaced: 'canceled',
};
const TYPE: Record<string, OrderType> = { market: 'market', limit: 'limit', stop: 'stop', stop_limit: 'stop_limit', trailing_stop: 'stop' };
const TIME_IN_FORCE: Record<string, TimeInForce> = { day: 'day', gtc: 'gtc', ioc: 'ioc', fok: 'fok' };
const CRYPTO_QUOTES = ['USDT', 'USDC', 'USD', 'BTC'];

const toNumber = (value: string | null | undefined): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
};

/** Maps an Alpaca order (REST or trade update) to a venue snapshot; `prefix` is removed from the client id. */
export function snapshotFromAlpaca(order: trading.Order, prefix: string, fallbackTime: number): VenueOrderSnapshot {
  const clientOrderId = order.clientOrderId ?? '';
  const limitPrice = toNumber(order.limitPrice);
  const stopPrice = toNumber(order.stopPrice);
  const timeInForce = TIME_IN_FORCE[String(order.timeInForce)];
  const status = STATUS[String(order.status)] ?? 'accepted';
  const time = order.updatedAt?.getTime() ?? order.createdAt?.getTime() ?? fallbackTime;
  return {
    clientOrderId: clientOrderId.startsWith(prefix) ? clientOrderId.slice(prefix.length) : clientOrderId,
    venueOrderId: order.id ?? '',
    symbol: order.symbol ?? '',
    side: order.side === 'sell' ? 'sell' : 'buy',
    type: TYPE[String(order.type)] ?? 'market',
    status,
    quantity: toNumber(order.qty) ?? 0,
    filledQuantity: toNumber(order.filledQty) ?? 0,
    averageFillPrice: toNumber(order.filledAvgPrice) ?? Number.NaN,
    // Alpaca charges no commission on stock and crypto orders through this API
    cumulativeFee: 0,
    time: Number.isFinite(time) ? time : fallbackTime,
    ...(limitPrice === undefined ? {} : { limitPrice }),
    ...(stopPrice === undefined ? {} : { stopPrice }),
    ...(timeInForce === undefined ? {} : { timeInForce }),
    ...(status === 'rejected' || status === 'expired' ? { reason: `alpaca: ${String(order.status)}` } : {}),
  };
}

/** Alpaca lists crypto positions as `BTCUSD`; orders and data use `BTC/USD`. */
export function frameworkSymbol(symbol: string, assetClass: string | undefined): string {
  if (assetClass !== 'crypto' || symbol.includes('/')) return symbol;
  const quote = CRYPTO_QUOTES.find((candidate) => symbol.endsWith(candidate) && symbol.length > candidate.length);
  return quote === undefined ? symbol : `${symbol.slice(0, -quote.length)}/${quote}`;
}

/** Maps an Alpaca position (signed by side). */
export function positionFromAlpaca(position: trading.Position): Position {
  const size = Math.abs(toNumber(position.qty) ?? 0);
  const quantity = String(position.side) === 'short' ? -size : size;
  return {
    symbol: frameworkSymbol(position.symbol, String(position.assetClass)),
    quantity,
    averagePrice: toNumber(position.avgEntryPrice) ?? Number.NaN,
    realizedPnl: 0,
    unrealizedPnl: toNumber(position.unrealizedPl) ?? 0,
    markPrice: toNumber(position.currentPrice) ?? Number.NaN,
  };
}
