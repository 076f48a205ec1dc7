import { TERMINAL_ORDER_STATUSES, type BrokerListener, type Clock, type Fill, type Order, type OrderStatus } from '@grandmodel/framework';
import type { VenueOrderSnapshot } from './venue-order.js';

const EPSILON = 1e-9;

/** What the tracker knows about one order it routed (or adopted) at a venue. */
export interface TrackedOrder {
  /** The framework's view, as last reported to the listener. */
  order: Order;
  /** The venue's id of the current venue order (a replace gives a new one at some venues). */
  venueOrderId?: string;
  /** Cumulative filled quantity, average price and fees of the current venue order. */
  venueFilled: number;
  venueAverage: number;
  venueFee: number;
  /** Quantity filled on earlier venue orders of this order (before a replace). */
  filledOffset: number;
  /** Sum of quantity × price over every fill reported. */
  notional: number;
  /** True while a modify is in flight: the venue's cancel of the replaced order is not a cancel of ours. */
  replacing: boolean;
  /** Client id of the current venue order (venues that need a fresh id for a replacement change it). */
  venueClientOrderId: string;
  /** Modifications made so far. */
  replacements: number;
}

/**
 * Keeps every order an adapter routed, keyed by client order id, and turns venue snapshots into listener calls:
 * a fill (the increase of the cumulative filled quantity) first, then the order's new state. Snapshots are
 * cumulative, so replays and out-of-date snapshots change nothing; final orders never change again.
 */
export class OrderTracker {
  private readonly byClientId = new Map<string, TrackedOrder>();
  private readonly byId = new Map<string, TrackedOrder>();

  constructor(
    private readonly venue: string,
    private readonly clock: Clock,
    private readonly listener: () => BrokerListener | undefined,
  ) {}

  /** Starts tracking an order about to be sent; it stays `submitted` until the venue answers. */
  track(order: Order): TrackedOrder {
    const entry: TrackedOrder = { order, venueFilled: 0, venueAverage: Number.NaN, venueFee: 0, filledOffset: 0, notional: 0, replacing: false, venueClientOrderId: order.clientOrderId, replacements: 0 };
    this.byClientId.set(order.clientOrderId, entry);
    this.byId.set(order.id, entry);
    return entry;
  }

  /** The tracked order with this framework id. */
  get(orderId: string): TrackedOrder | undefined {
    return this.byId.get(orderId);
  }

  /** The tracked order with this client order id. */
  byClientOrderId(clientOrderId: string): TrackedOrder | undefined {
    return this.byClientId.get(clientOrderId);
  }

  /** Orders not in a final state. */
  open(): TrackedOrder[] {
    return [...this.byId.values()].filter((entry) => !TERMINAL_ORDER_STATUSES.has(entry.order.status));
  }

  /** Adopts an order found at the venue that this session did not send (reconciliation after a restart). */
  adopt(snapshot: VenueOrderSnapshot): Order {
    const order: Order = Object.freeze({
      id: `${this.venue}:${snapshot.venueOrderId}`,
      clientOrderId: snapshot.clientOrderId,
      symbol: snapshot.symbol,
      side: snapshot.side,
      type: snapshot.type,
      quantity: snapshot.quantity,
      timeInForce: snapshot.timeInForce ?? 'gtc',
      status: snapshot.status,
      filledQuantity: snapshot.filledQuantity,
      averageFillPrice: snapshot.averageFillPrice,
      createdAt: snapshot.time,
      updatedAt: snapshot.time,
      ...(snapshot.limitPrice === undefined ? {} : { limitPrice: snapshot.limitPrice }),
      ...(snapshot.stopPrice === undefined ? {} : { stopPrice: snapshot.stopPrice }),
      reason: 'adopted: found open at the venue during reconciliation',
    });
    const entry = this.track(order);
    entry.venueOrderId = snapshot.venueOrderId;
    entry.venueFilled = snapshot.filledQuantity;
    entry.venueAverage = snapshot.averageFillPrice;
    entry.venueFee = snapshot.cumulativeFee ?? 0;
    entry.notional = snapshot.filledQuantity > 0 ? snapshot.filledQuantity * snapshot.averageFillPrice : 0;
    this.listener()?.onOrderUpdate(order);
    return order;
  }

  /**
   * Applies a venue snapshot: reports the new fill (if the cumulative quantity grew) and then the new state.
   * Returns the updated order, or undefined when nothing changed or the snapshot is unknown, stale or final.
   */
  apply(snapshot: VenueOrderSnapshot): Order | undefined {
    const entry = this.byClientId.get(snapshot.clientOrderId);
    if (entry === undefined || TERMINAL_ORDER_STATUSES.has(entry.order.status)) return undefined;
    if (entry.venueOrderId !== undefined && snapshot.venueOrderId !== entry.venueOrderId) return undefined;
    if (entry.replacing && snapshot.status === 'canceled') return undefined;
    if (snapshot.filledQuantity < entry.venueFilled - EPSILON) return undefined;
    entry.venueOrderId ??= snapshot.venueOrderId;
    const previous = entry.order;
    let fill: Fill | undefined;
    if (snapshot.filledQuantity > entry.venueFilled + EPSILON) fill = this.fillFrom(entry, snapshot);
    const filledQuantity = entry.filledOffset + entry.venueFilled;
    const quantity = entry.filledOffset + snapshot.quantity;
    const status = this.statusOf(snapshot.status, filledQuantity, quantity);
    const next: Order = Object.freeze({
      ...previous,
      quantity,
      status,
      filledQuantity,
      averageFillPrice: filledQuantity > 0 ? entry.notional / filledQuantity : Number.NaN,
      updatedAt: Math.max(previous.updatedAt, snapshot.time),
      ...(snapshot.limitPrice === undefined ? {} : { limitPrice: snapshot.limitPrice }),
      ...(snapshot.stopPrice === undefined ? {} : { stopPrice: snapshot.stopPrice }),
      ...(snapshot.reason === undefined || (status !== 'rejected' && status !== 'canceled' && status !== 'expired') ? {} : { reason: snapshot.reason }),
    });
    const changed = fill !== undefined || next.status !== previous.status || next.quantity !== previous.quantity || next.limitPrice !== previous.limitPrice || next.stopPrice !== previous.stopPrice;
    if (!changed) return undefined;
    entry.order = next;
    const listener = this.listener();
    if (fill !== undefined) listener?.onFill(fill);
    listener?.onOrderUpdate(next);
    return next;
  }

  /** Marks an order rejected before the venue ever accepted it (a permanent error on submit). */
  reject(entry: TrackedOrder, reason: string): Order {
    const order: Order = Object.freeze({ ...entry.order, status: 'rejected', reason, updatedAt: Math.max(entry.order.updatedAt, this.clock.now()) });
    entry.order = order;
    this.listener()?.onOrderUpdate(order);
    return order;
  }

  /**
   * Starts a modify: the venue may cancel the replaced order, which must not end ours. A replacement under a
   * new client id is registered now, so its stream events (which may beat the venue's answer) find the order.
   */
  beginReplace(entry: TrackedOrder, replacementClientOrderId?: string): void {
    entry.replacing = true;
    if (replacementClientOrderId !== undefined) this.byClientId.set(replacementClientOrderId, entry);
  }

  /** Ends a modify; with the replacement's snapshot when the venue gave the order a new id. */
  endReplace(entry: TrackedOrder, replacement?: VenueOrderSnapshot): Order | undefined {
    entry.replacing = false;
    if (replacement === undefined) return undefined;
    entry.replacements++;
    entry.venueClientOrderId = replacement.clientOrderId;
    this.byClientId.set(replacement.clientOrderId, entry);
    if (replacement.venueOrderId !== entry.venueOrderId) {
      // The old venue order's fills stay with the order; the replacement starts from zero
      entry.filledOffset += entry.venueFilled;
      entry.venueOrderId = replacement.venueOrderId;
      entry.venueFilled = 0;
      entry.venueAverage = Number.NaN;
      entry.venueFee = 0;
    }
    return this.apply(replacement);
  }

  private fillFrom(entry: TrackedOrder, snapshot: VenueOrderSnapshot): Fill {
    const quantity = snapshot.filledQuantity - entry.venueFilled;
    // The new fill's price is what moves the cumulative average from its old to its new value
    const before = entry.venueFilled > 0 && Number.isFinite(entry.venueAverage) ? entry.venueAverage * entry.venueFilled : 0;
    const after = snapshot.averageFillPrice * snapshot.filledQuantity;
    const price = Number((before > 0 ? (after - before) / quantity : snapshot.averageFillPrice).toPrecision(12));
    const cumulativeFee = snapshot.cumulativeFee ?? entry.venueFee;
    const fee = Number(Math.max(0, cumulativeFee - entry.venueFee).toPrecision(12));
    entry.venueFilled = snapshot.filledQuantity;
    entry.venueAverage = snapshot.averageFillPrice;
    entry.venueFee = cumulativeFee;
    entry.notional += quantity * price;
    const order = entry.order;
    return Object.freeze({
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      quantity,
      price,
      fee,
      time: snapshot.time,
      liquidity: snapshot.liquidity ?? (order.type === 'limit' ? 'maker' : 'taker'),
      ...(order.tag === undefined ? {} : { tag: order.tag }),
    });
  }

  // A fill can arrive with a stale status (e.g. `accepted`); the quantities decide
  private statusOf(reported: OrderStatus, filled: number, quantity: number): OrderStatus {
    if (TERMINAL_ORDER_STATUSES.has(reported) && reported !== 'filled') return reported;
    if (filled >= quantity - EPSILON && filled > 0) return 'filled';
    if (filled > 0) return 'partially_filled';
    return reported === 'filled' || reported === 'partially_filled' ? 'accepted' : reported;
  }
}
