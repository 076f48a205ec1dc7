import type { AccountSnapshot, BrokerCapabilities, BrokerError, Order, OrderChanges, Position } from '@grandmodel/framework';
import type { VenueOrderSnapshot } from './venue-order.js';

/** Callbacks of an order stream. */
export interface OrderStreamHandlers {
  /** A venue order changed. */
  onSnapshot(snapshot: VenueOrderSnapshot): void;
  /** The stream is (re)connected and subscribed; the broker reconciles after a reconnect. */
  onConnected(): void;
}

/**
 * The venue-specific half of an adapter: raw calls to one venue, each mapped to the framework's vocabulary.
 * `GatewayBroker` adds everything venues share — order tracking, idempotent submits, retries, the circuit
 * breaker, reconnects and reconciliation. Implement this to add a venue (see docs/guides/brokers.md).
 */
export interface VenueGateway {
  readonly venue: string;
  /** What the venue (through this gateway) really supports. */
  readonly capabilities: BrokerCapabilities;
  /** Classifies anything the venue library throws. */
  classify(error: unknown): BrokerError;
  /** Opens sessions, loads markets and checks the credentials (throws GM_BROKER_AUTH_FAILED when refused). */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Places an order under its client order id; returns the venue's first answer. */
  place(order: Order): Promise<VenueOrderSnapshot>;
  /** Looks an order up by client order id; undefined when the venue does not know it. */
  find(clientOrderId: string, symbol: string): Promise<VenueOrderSnapshot | undefined>;
  /** Cancels a venue order; returns its state afterwards when the venue says. */
  cancel(venueOrderId: string, order: Order): Promise<VenueOrderSnapshot | undefined>;
  /**
   * Changes a working order; `filled` is the quantity already filled. Returns the (possibly new) venue order.
   * `replacementClientOrderId` is set when the gateway asked for a fresh client id (see below).
   */
  replace(venueOrderId: string, order: Order, changes: OrderChanges, filled: number, replacementClientOrderId?: string): Promise<VenueOrderSnapshot>;
  /** For venues where a replacement needs its own client id: the id of the `count`-th replacement of an order. */
  replacementClientOrderId?(clientOrderId: string, count: number): string;
  /** Orders open at the venue. */
  openOrders(): Promise<VenueOrderSnapshot[]>;
  account(): Promise<AccountSnapshot>;
  positions(): Promise<Position[]>;
  /**
   * Streams order changes until the connection ends: resolves when `signal` aborts, rejects when the
   * connection drops (the broker then reconnects with backoff).
   */
  streamOrders?(handlers: OrderStreamHandlers, signal: AbortSignal): Promise<void>;
}
