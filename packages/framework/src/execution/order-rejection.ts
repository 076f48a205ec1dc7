import type { Instrument } from '../model/instrument.js';
import type { Order } from '../model/order.js';

const ORDER_TYPES: ReadonlySet<string> = new Set(['market', 'limit', 'stop', 'stop_limit']);
const TIMES_IN_FORCE: ReadonlySet<string> = new Set(['gtc', 'day', 'ioc', 'fok']);

function isPositive(value: number | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function priceProblem(field: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return isPositive(value) ? undefined : `${field} must be a positive number, was ${String(value)}`;
}

/**
 * Returns why the venue rejects `order`, or undefined when it is acceptable. Checks: known symbol,
 * positive finite quantity, known type and time in force, the prices the type needs, positive prices,
 * and a bracket whose stop-loss lies on the losing side of its take-profit.
 */
export function orderRejection(order: Order, instrument: Instrument | undefined): string | undefined {
  if (instrument === undefined) return `unknown symbol "${order.symbol}": no instrument is configured for it`;
  if (!isPositive(order.quantity)) return `quantity must be a positive number, was ${String(order.quantity)}`;
  if (order.side !== 'buy' && order.side !== 'sell') return `side must be "buy" or "sell", was "${String(order.side)}"`;
  if (!ORDER_TYPES.has(order.type)) return `type must be market, limit, stop or stop_limit, was "${String(order.type)}"`;
  if (!TIMES_IN_FORCE.has(order.timeInForce)) return `timeInForce must be gtc, day, ioc or fok, was "${String(order.timeInForce)}"`;
  const needsLimit = order.type === 'limit' || order.type === 'stop_limit';
  const needsStop = order.type === 'stop' || order.type === 'stop_limit';
  if (needsLimit && order.limitPrice === undefined) return `${order.type} order needs limitPrice, was undefined`;
  if (needsStop && order.stopPrice === undefined) return `${order.type} order needs stopPrice, was undefined`;
  const problem =
    priceProblem('limitPrice', order.limitPrice) ??
    priceProblem('stopPrice', order.stopPrice) ??
    priceProblem('bracket.stopLoss', order.bracket?.stopLoss) ??
    priceProblem('bracket.takeProfit', order.bracket?.takeProfit);
  if (problem !== undefined) return problem;
  const stopLoss = order.bracket?.stopLoss;
  const takeProfit = order.bracket?.takeProfit;
  if (stopLoss !== undefined && takeProfit !== undefined) {
    const wrongSide = order.side === 'buy' ? stopLoss >= takeProfit : stopLoss <= takeProfit;
    if (wrongSide) {
      const expected = order.side === 'buy' ? 'below' : 'above';
      return `bracket.stopLoss must be ${expected} bracket.takeProfit for a ${order.side} entry, was ${stopLoss} vs ${takeProfit}`;
    }
  }
  return undefined;
}
