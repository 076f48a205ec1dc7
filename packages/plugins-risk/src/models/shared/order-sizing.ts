import { isReducing } from '@grandmodel/framework';
import type { OrderIntent, RiskCheckContext, RiskVerdict } from '@grandmodel/framework';

/** Returns +quantity for a buy and −quantity for a sell. */
export function signedQuantity(intent: Pick<OrderIntent, 'side' | 'quantity'>): number {
  return intent.side === 'buy' ? intent.quantity : -intent.quantity;
}

/** True when the order can only shrink the current position (a `reduceOnly` order, or one that does not flip or grow it). */
export function reducesPosition(intent: OrderIntent, context: RiskCheckContext): boolean {
  if (intent.reduceOnly === true) return true;
  return isReducing(intent, context.position(intent.symbol)?.quantity ?? 0);
}

/** The price to size or value an order at: its limit price, else its stop price, else the last traded price. */
export function sizingPrice(intent: OrderIntent, context: RiskCheckContext): number | undefined {
  return intent.limitPrice ?? intent.stopPrice ?? context.lastPrice(intent.symbol);
}

/** Rounds a quantity down to a whole number of lots, tolerating float noise (2.9999999999 lots is 3). */
export function floorToLot(quantity: number, lotSize: number): number {
  if (!(quantity > 0)) return 0;
  const lots = Math.floor(quantity / lotSize + 1e-9);
  // Trim the float noise of lots · lotSize (e.g. 3 × 0.1) to 10 decimals
  return Math.round(lots * lotSize * 1e10) / 1e10;
}

/** A verdict that denies with `reason`. */
export function deny(reason: string): RiskVerdict {
  return { action: 'deny', reason };
}

/** A verdict that replaces the intent's quantity, with `reason`. */
export function adjustQuantity(intent: OrderIntent, quantity: number, reason: string): RiskVerdict {
  return { action: 'adjust', intent: { ...intent, quantity }, reason };
}
