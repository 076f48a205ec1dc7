import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock/clock.js';
import { SdkError, toError } from '../errors/sdk-error.js';
import type { Broker, ExecutionAlgorithm, OrderChanges } from '../kinds/broker.js';
import type { Fill } from '../model/fill.js';
import { TERMINAL_ORDER_STATUSES, type Order, type OrderIntent } from '../model/order.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import { createOrderRecord, withOrderChanges } from '../model/order-record.js';
import { validateIntent } from './order-validation.js';

/** Receives every order state change and every fill, after the bus has published them. */
export interface OrderObserver {
  onOrder?(order: Order): void;
  onFill?(fill: Fill, order: Order): void;
}

/** Options of `submit`. */
export interface SubmitOptions {
  /** Skip the risk models (kill-switch flattening); the trading-state gate still applies unless `force`. */
  readonly bypassModels?: boolean;
  /** Skip every check (only the kill switch uses it, to flatten while halted). */
  readonly force?: boolean;
}

/**
 * Turns order intents into orders: validates them, runs the risk chain, hands approved orders to the
 * execution algorithm and the broker, and tracks every order's state from broker updates. Strategies talk
 * to this, never to a broker.
 */
export class OrderManager {
  // Own orders by sequence number (ids `O-000001`…): an array beats a large Map by far on the order path
  private readonly history: Order[] = [];
  // Orders the broker created itself (e.g. bracket legs), by id
  private readonly foreign = new Map<string, Order>();
  // Every order id in creation order, own and foreign
  private readonly creation: string[] = [];
  // Working orders only, so strategies can look at them without walking the whole history
  private readonly open = new Map<string, Order>();
  // Client order id → order id, for idempotent submits
  private readonly byClientId = new Map<string, string>();
  private readonly observers: OrderObserver[] = [];
  private broker: Broker | undefined;
  private sequence = 0;
  private clientIdPrefix = 'gm-';
  private errorReporter: ((operation: string, orderId: string, error: Error) => void) | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly risk: RiskEngine,
    private readonly execution?: ExecutionAlgorithm,
  ) {}

  /** Connects the broker whose updates this manager tracks. */
  attachBroker(broker: Broker): void {
    this.broker = broker;
    broker.setListener({ onOrderUpdate: (order) => this.applyUpdate(order), onFill: (fill) => this.applyFill(fill) });
  }

  /**
   * Sets the prefix of generated client order ids. Live venues keep client ids forever, so live and paper runs
   * use a prefix unique to the run; backtests keep the deterministic default `gm-`.
   */
  setClientIdPrefix(prefix: string): void {
    this.clientIdPrefix = prefix;
  }

  /** Sets where failed asynchronous broker calls (cancel, modify) are reported. */
  onBrokerError(reporter: (operation: string, orderId: string, error: Error) => void): void {
    this.errorReporter = reporter;
  }

  /** Adds an observer (the engine's ledger and agents' onOrder/onFill hooks). */
  observe(observer: OrderObserver): void {
    this.observers.push(observer);
  }

  /**
   * Submits an intent. Returns the order: `denied` when the risk chain refused it (an `order.denied` event,
   * not an exception), otherwise as sent to the broker. Throws GM_ORDER_INVALID for a malformed intent.
   * A repeated clientOrderId returns the existing order and sends nothing.
   */
  submit(intent: OrderIntent, options: SubmitOptions = {}): Order {
    const problems = validateIntent(intent);
    if (problems.length > 0) throw new SdkError('GM_ORDER_INVALID', `Invalid order intent for ${intent.symbol}: ${problems.join('; ')}`, { details: { intent } });
    if (intent.clientOrderId !== undefined) {
      const existing = this.findByClientId(intent.clientOrderId);
      if (existing !== undefined) return existing;
    }
    const now = this.clock.now();
    this.sequence++;
    const id = `${OWN_PREFIX}${String(this.sequence).padStart(6, '0')}`;
    let order: Order = createOrderRecord(intent, {
      id,
      clientOrderId: intent.clientOrderId ?? `${this.clientIdPrefix}${this.sequence}`,
      timeInForce: intent.timeInForce ?? 'gtc',
      status: 'submitted',
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      createdAt: now,
      updatedAt: now,
    });
    // Generated client ids map back to their order by sequence; only callers' own ids need the map
    if (intent.clientOrderId !== undefined) this.byClientId.set(intent.clientOrderId, id);
    this.track(order);
    this.publishOrder('order.submitted', order);

    if (!options.force) {
      const decision = this.risk.evaluate(order);
      if (!decision.approved) {
        order = withOrderChanges(order, { status: 'denied', reason: `${decision.deniedBy}: ${decision.reason}` });
        this.track(order);
        this.publishOrder('order.denied', order, order.reason);
        return order;
      }
      if (decision.intent !== order) {
        order = withOrderChanges(order, { ...decision.intent, id: order.id, clientOrderId: order.clientOrderId, status: 'submitted', reason: decision.adjustments.join('; ') });
        this.track(order);
      }
    }
    const broker = this.requireBroker();
    const send = (child: Order): void => this.watch(broker.submit(child), 'submit', child.id);
    if (this.execution) this.execution.execute(order, send);
    else send(order);
    return this.lookup(order.id)!;
  }

  /** Cancels a working order; unknown ids are an error, finished orders are left as they are. */
  cancel(orderId: string): void {
    const order = this.get(orderId);
    if (TERMINAL_ORDER_STATUSES.has(order.status)) return;
    this.watch(this.requireBroker().cancel(orderId), 'cancel', orderId);
  }

  /** Changes quantity or prices of a working order. */
  modify(orderId: string, changes: OrderChanges): void {
    const order = this.get(orderId);
    if (TERMINAL_ORDER_STATUSES.has(order.status)) throw new SdkError('GM_ORDER_INVALID', `Cannot modify order ${orderId}: it is ${order.status}`);
    this.watch(this.requireBroker().modify(orderId, changes), 'modify', orderId);
  }

  /** Cancels every working order, optionally of one symbol. */
  cancelAll(symbol?: string): void {
    for (const order of this.openOrders()) if (symbol === undefined || order.symbol === symbol) this.cancel(order.id);
  }

  /** Returns the order with this id. */
  get(orderId: string): Order {
    const order = this.lookup(orderId);
    if (order === undefined) throw new SdkError('GM_ORDER_NOT_FOUND', `No order with id ${orderId}`);
    return order;
  }

  /** Orders that are not in a final state, oldest first. */
  openOrders(): Order[] {
    return [...this.open.values()];
  }

  /** Number of orders that are not in a final state. */
  get openOrderCount(): number {
    return this.open.size;
  }

  /** Every order of the run, in creation order. */
  allOrders(): Order[] {
    return this.creation.map((id) => this.lookup(id)!);
  }

  private requireBroker(): Broker {
    if (this.broker === undefined) throw new SdkError('GM_KERNEL_NOT_STARTED', 'No broker is attached to the order manager yet');
    return this.broker;
  }

  /**
   * Catches a broker call that failed asynchronously: a failed submit rejects the order (an `order.rejected`
   * event with the broker's message); a failed cancel or modify is reported, and the order stays as it is.
   */
  private watch(result: void | Promise<void>, operation: 'submit' | 'cancel' | 'modify', orderId: string): void {
    if (result === undefined || typeof (result as Promise<void>).then !== 'function') return;
    (result as Promise<void>).catch((thrown: unknown) => {
      const error = toError(thrown);
      const order = this.lookup(orderId);
      if (operation === 'submit' && order !== undefined && !TERMINAL_ORDER_STATUSES.has(order.status)) {
        const rejected = withOrderChanges(order, { status: 'rejected', reason: `broker: ${error.message}`, updatedAt: this.clock.now() });
        this.applyUpdate(rejected);
      }
      this.errorReporter?.(operation, orderId, error);
    });
  }

  private findByClientId(clientOrderId: string): Order | undefined {
    const known = this.byClientId.get(clientOrderId);
    if (known !== undefined) return this.lookup(known);
    const prefix = this.clientIdPrefix;
    if (!clientOrderId.startsWith(prefix)) return undefined;
    const sequence = Number(clientOrderId.slice(prefix.length));
    const order = Number.isInteger(sequence) && sequence > 0 ? this.history[sequence - 1] : undefined;
    return order !== undefined && order.clientOrderId === clientOrderId ? order : undefined;
  }

  private lookup(id: string): Order | undefined {
    const sequence = ownSequence(id);
    return sequence > 0 ? this.history[sequence - 1] : this.foreign.get(id);
  }

  private track(order: Order): void {
    const sequence = ownSequence(order.id);
    if (sequence > 0) {
      if (this.history[sequence - 1] === undefined) this.creation.push(order.id);
      this.history[sequence - 1] = order;
    } else {
      if (!this.foreign.has(order.id)) this.creation.push(order.id);
      this.foreign.set(order.id, order);
    }
    if (TERMINAL_ORDER_STATUSES.has(order.status)) this.open.delete(order.id);
    else this.open.set(order.id, order);
  }

  private applyUpdate(update: Order): void {
    const previous = this.lookup(update.id);
    this.track(update);
    if (previous !== undefined && previous.status === update.status && Math.abs(previous.filledQuantity - update.filledQuantity) < 1e-12) {
      // Same state (e.g. the update that follows a fill): keep the broker's copy, publish only real modifications
      if (previous.quantity !== update.quantity || previous.limitPrice !== update.limitPrice || previous.stopPrice !== update.stopPrice) this.publishOrder('order.modified', update);
      return;
    }
    switch (update.status) {
      case 'accepted':
        this.publishOrder('order.accepted', update);
        break;
      case 'canceled':
        this.publishOrder('order.canceled', update, update.reason);
        break;
      case 'rejected':
        this.publishOrder('order.rejected', update, update.reason);
        break;
      case 'expired':
        this.publishOrder('order.expired', update, update.reason);
        break;
      default:
        break;
    }
    for (const observer of this.observers) observer.onOrder?.(update);
  }

  /** Applies a fill to its order (brokers report a fill before the order update that reflects it). */
  private applyFill(fill: Fill): void {
    const previous = this.lookup(fill.orderId);
    if (previous === undefined) throw new SdkError('GM_ORDER_NOT_FOUND', `Broker reported a fill for unknown order ${fill.orderId}`);
    const filledQuantity = previous.filledQuantity + fill.quantity;
    const averageFillPrice = previous.filledQuantity === 0 ? fill.price : (previous.averageFillPrice * previous.filledQuantity + fill.price * fill.quantity) / filledQuantity;
    const complete = filledQuantity >= previous.quantity - 1e-12;
    const order = withOrderChanges(previous, { filledQuantity, averageFillPrice, status: complete ? 'filled' : 'partially_filled', updatedAt: fill.time });
    this.track(order);
    const event = complete ? 'order.filled' : 'order.partially_filled';
    if (this.bus.wants(event)) this.bus.publish(event, { order, fill, tsEvent: fill.time, tsInit: this.clock.now() });
    for (const observer of this.observers) observer.onFill?.(fill, order);
    for (const observer of this.observers) observer.onOrder?.(order);
  }

  private publishOrder(event: 'order.submitted' | 'order.accepted' | 'order.denied' | 'order.canceled' | 'order.rejected' | 'order.expired' | 'order.modified', order: Order, reason?: string): void {
    // Payloads are only built when someone listens (a backtest without a journal builds none)
    if (!this.bus.wants(event)) return;
    const now = this.clock.now();
    this.bus.publish(event, reason === undefined ? { order, tsEvent: now, tsInit: now } : { order, reason, tsEvent: now, tsInit: now });
  }
}

const OWN_PREFIX = 'O-';

/** The sequence number of an id this manager made (`O-000042` → 42), or 0 for any other id. */
function ownSequence(id: string): number {
  if (id.length < 3 || id.charCodeAt(0) !== 79 || id.charCodeAt(1) !== 45) return 0;
  let value = 0;
  for (let i = 2; i < id.length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return value;
}
