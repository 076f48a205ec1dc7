import type { Fill } from '../model/fill.js';
import type { Order } from '../model/order.js';
import type { Position } from '../model/position.js';

/** Broker features, ccxt style: `true`, `'emulated'` (done by the adapter, not the venue) or `false`. */
export type BrokerCapability =
  | 'market'
  | 'limit'
  | 'stop'
  | 'stopLimit'
  | 'bracket'
  | 'cancel'
  | 'modify'
  | 'fetchAccount'
  | 'fetchPositions'
  | 'fetchOpenOrders'
  | 'orderStream'
  | 'shortSelling';

/** Capability map of a broker. */
export type BrokerCapabilities = Readonly<Partial<Record<BrokerCapability, boolean | 'emulated'>>>;

/** Account snapshot from a venue. */
export interface AccountSnapshot {
  readonly currency: string;
  readonly cash: number;
  readonly equity: number;
  readonly buyingPower?: number;
  readonly balances?: Readonly<Record<string, number>>;
}

/** Changes allowed by `modify`. */
export interface OrderChanges {
  readonly quantity?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
}

/**
 * Where a broker reports what happened to orders. A fill is reported with `onFill` *before* the
 * `onOrderUpdate` that reflects it (the order manager derives the filled state from the fill).
 */
export interface BrokerListener {
  /** A new state of an order (accepted, canceled, rejected, expired, or a fill's resulting status). */
  onOrderUpdate(order: Order): void;
  onFill(fill: Fill): void;
}

/**
 * A venue adapter. Commands are sent with `submit`/`cancel`/`modify`; results arrive asynchronously
 * (or, for the simulated venue, synchronously) through the listener set with `setListener`.
 */
export interface Broker {
  readonly venue: string;
  readonly has: BrokerCapabilities;
  setListener(listener: BrokerListener): void;
  connect?(): Promise<void>;
  disconnect?(): Promise<void>;
  submit(order: Order): void | Promise<void>;
  cancel(orderId: string): void | Promise<void>;
  modify(orderId: string, changes: OrderChanges): void | Promise<void>;
  fetchAccount?(): Promise<AccountSnapshot>;
  fetchPositions?(): Promise<readonly Position[]>;
  fetchOpenOrders?(): Promise<readonly Order[]>;
}

/** How an order is worked: slicing, timing. Receives the parent intent and sends child orders. */
export interface ExecutionAlgorithm {
  /** Called when a parent order is released for execution. */
  execute(order: Order, send: (child: Order) => void): void;
  /** Called on every bar so time-sliced algorithms can release more. */
  onTime?(time: number): void;
}

/** Sends each order unchanged. */
export class ImmediateExecution implements ExecutionAlgorithm {
  execute(order: Order, send: (child: Order) => void): void {
    send(order);
  }
}
