/** Direction of an order or fill. */
export type OrderSide = 'buy' | 'sell';

/** Order types every broker understands; a venue that lacks one says `not supported`. */
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit';

/** How long an order stays working: good till canceled, the trading day, immediate-or-cancel, fill-or-kill. */
export type TimeInForce = 'gtc' | 'day' | 'ioc' | 'fok';

/** Lifecycle of an order, from the strategy's intent to its final state. */
export type OrderStatus =
  | 'submitted'
  | 'accepted'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'rejected'
  | 'denied'
  | 'expired';

/** Final states: nothing more will happen to an order in one of them. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected', 'denied', 'expired']);

/** Stop-loss and take-profit children attached to an entry order; they are one-cancels-other. */
export interface Bracket {
  readonly stopLoss?: number;
  readonly takeProfit?: number;
}

/** What a strategy asks for; the risk chain may adjust or deny it before a broker sees it. */
export interface OrderIntent {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: OrderType;
  /** Limit price for `limit` and `stop_limit`. */
  readonly limitPrice?: number;
  /** Trigger price for `stop` and `stop_limit`. */
  readonly stopPrice?: number;
  readonly timeInForce?: TimeInForce;
  /** Caller-chosen id; a retried submit with the same id never creates a second order. */
  readonly clientOrderId?: string;
  readonly bracket?: Bracket;
  /** True when the order may only reduce an existing position. */
  readonly reduceOnly?: boolean;
  /** Free-form tag carried to fills and trades (e.g. the agent or signal that caused it). */
  readonly tag?: string;
  /**
   * Facts for risk models, e.g. `winProbability` and `payoffRatio` for Kelly sizing, or `confidence`.
   * Carried unchanged through the risk chain.
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** An order as the execution layer tracks it. */
export interface Order extends OrderIntent {
  readonly id: string;
  readonly clientOrderId: string;
  readonly timeInForce: TimeInForce;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Volume-weighted average fill price; NaN before the first fill. */
  readonly averageFillPrice: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Id of the entry order for a bracket child. */
  readonly parentId?: string;
  /** Why the order was rejected, denied, canceled or expired. */
  readonly reason?: string;
}
