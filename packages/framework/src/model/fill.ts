import type { OrderSide } from './order.js';

/** One execution against an order. */
export interface Fill {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  /** Commission and fees charged for this fill, in the account currency (positive is a cost). */
  readonly fee: number;
  /** Fill time, epoch milliseconds. */
  readonly time: number;
  readonly liquidity: 'maker' | 'taker';
  readonly tag?: string;
}
