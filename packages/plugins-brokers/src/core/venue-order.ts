import type { OrderSide, OrderStatus, OrderType, TimeInForce } from '@grandmodel/framework';

/**
 * An order as a venue reports it (REST response, stream event or reconciliation), already mapped to the
 * framework's vocabulary. Quantities are cumulative, so applying the same snapshot twice changes nothing.
 */
export interface VenueOrderSnapshot {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly status: OrderStatus;
  /** Quantity of this venue order (after a replace: of the replacement). */
  readonly quantity: number;
  /** Cumulative filled quantity of this venue order. */
  readonly filledQuantity: number;
  /** Average price of the filled quantity; NaN before the first fill. */
  readonly averageFillPrice: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly timeInForce?: TimeInForce;
  /** Cumulative fees of this venue order in the account currency. */
  readonly cumulativeFee?: number;
  /** Venue time of the state, epoch milliseconds. */
  readonly time: number;
  readonly liquidity?: 'maker' | 'taker';
  /** Why the order was rejected, canceled or expired, in the venue's words. */
  readonly reason?: string;
}
