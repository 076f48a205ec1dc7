import type { OrderIntent } from '../model/order.js';

const VALID: readonly string[] = Object.freeze([]);

/** Returns what is wrong with an intent (one line per problem), or an empty list. */
export function validateIntent(intent: OrderIntent): readonly string[] {
  // The common case allocates nothing: a well-formed market, limit, stop or stop-limit order
  if (isWellFormed(intent)) return VALID;
  const problems: string[] = [];
  if (typeof intent.symbol !== 'string' || intent.symbol.length === 0) problems.push('symbol: expected a non-empty string');
  if (intent.side !== 'buy' && intent.side !== 'sell') problems.push(`side: expected "buy" or "sell", was ${JSON.stringify(intent.side)}`);
  if (!(Number.isFinite(intent.quantity) && intent.quantity > 0)) problems.push(`quantity: expected a positive number, was ${intent.quantity}`);
  const needsLimit = intent.type === 'limit' || intent.type === 'stop_limit';
  const needsStop = intent.type === 'stop' || intent.type === 'stop_limit';
  if (!['market', 'limit', 'stop', 'stop_limit'].includes(intent.type)) problems.push(`type: expected market, limit, stop or stop_limit, was ${JSON.stringify(intent.type)}`);
  if (needsLimit && !(Number.isFinite(intent.limitPrice) && intent.limitPrice! > 0)) problems.push(`limitPrice: a ${intent.type} order needs a positive limit price, was ${intent.limitPrice}`);
  if (needsStop && !(Number.isFinite(intent.stopPrice) && intent.stopPrice! > 0)) problems.push(`stopPrice: a ${intent.type} order needs a positive stop price, was ${intent.stopPrice}`);
  const bracket = intent.bracket;
  if (bracket?.stopLoss !== undefined && !(bracket.stopLoss > 0)) problems.push(`bracket.stopLoss: expected a positive price, was ${bracket.stopLoss}`);
  if (bracket?.takeProfit !== undefined && !(bracket.takeProfit > 0)) problems.push(`bracket.takeProfit: expected a positive price, was ${bracket.takeProfit}`);
  return problems;
}

/** True when filling the intent can only shrink the position toward flat (never flip or grow it). */
export function isReducing(intent: Pick<OrderIntent, 'side' | 'quantity'>, positionQuantity: number): boolean {
  if (positionQuantity > 0) return intent.side === 'sell' && intent.quantity <= positionQuantity + 1e-12;
  if (positionQuantity < 0) return intent.side === 'buy' && intent.quantity <= -positionQuantity + 1e-12;
  return false;
}

function isWellFormed(intent: OrderIntent): boolean {
  if (typeof intent.symbol !== 'string' || intent.symbol.length === 0) return false;
  if (intent.side !== 'buy' && intent.side !== 'sell') return false;
  if (!(Number.isFinite(intent.quantity) && intent.quantity > 0)) return false;
  if (intent.bracket !== undefined && ((intent.bracket.stopLoss !== undefined && !(intent.bracket.stopLoss > 0)) || (intent.bracket.takeProfit !== undefined && !(intent.bracket.takeProfit > 0)))) return false;
  switch (intent.type) {
    case 'market':
      return true;
    case 'limit':
      return Number.isFinite(intent.limitPrice) && intent.limitPrice! > 0;
    case 'stop':
      return Number.isFinite(intent.stopPrice) && intent.stopPrice! > 0;
    case 'stop_limit':
      return Number.isFinite(intent.limitPrice) && intent.limitPrice! > 0 && Number.isFinite(intent.stopPrice) && intent.stopPrice! > 0;
    default:
      return false;
  }
}
