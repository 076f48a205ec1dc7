import {
  BrokerError,
  TERMINAL_ORDER_STATUSES,
  type AccountSnapshot,
  type Broker,
  type BrokerCapabilities,
  type BrokerListener,
  type Clock,
  type Order,
  type OrderChanges,
  type Position,
  type SeededRandom,
} from '@grandmodel/framework';
import type { Logger } from 'pino';
import { CircuitBreaker } from './circuit-breaker.js';
import { superviseOrderStream } from './order-stream-supervisor.js';
import { OrderTracker, type TrackedOrder } from './order-tracker.js';
import { PositionDiff } from './position-diff.js';
import { reconcileWithVenue } from './venue-reconciler.js';
import type { ReconcileReason, ReconcileReport, ReconcilingListener } from './reconcile-report.js';
import type { ResilienceOptions } from './resilience-options.js';
import { isAmbiguous, withRetries, type RetryContext } from './retry-policy.js';
import { requireCapability, requireOrderSupported } from './capability-check.js';
import type { Scheduler } from './scheduler.js';
import type { VenueGateway } from './venue-gateway.js';
import type { VenueOrderSnapshot } from './venue-order.js';

/** What a GatewayBroker runs with. */
export interface GatewayBrokerDependencies {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** Jitters reconnect delays when `backoff.jitter` > 0. */
  readonly random?: SeededRandom;
}

/** Connection counters, for `broker check` and tests. */
export interface BrokerConnectionStats {
  readonly connected: boolean;
  /** Times the order stream connected (1 after the first connection). */
  readonly streamConnections: number;
  /** Times the order stream dropped and a reconnect was scheduled. */
  readonly streamDrops: number;
  readonly reconciliations: number;
}

/**
 * A Broker built from a VenueGateway: tracks every order by client order id, makes submits idempotent (an
 * ambiguous failure is followed by a look-up before any retry), retries retryable failures with backoff behind a
 * circuit breaker, keeps the order stream connected with exponential backoff, and reconciles open orders and
 * positions on connect, after every reconnect and periodically. Fills are reported before the order update.
 */
export class GatewayBroker implements Broker {
  readonly venue: string;
  readonly has: BrokerCapabilities;
  private listener: ReconcilingListener | undefined;
  private readonly tracker: OrderTracker;
  private readonly breaker: CircuitBreaker;
  private readonly streamBreaker: CircuitBreaker;
  private abort: AbortController | undefined;
  private loops: Promise<void>[] = [];
  private opened: Promise<void> | undefined;
  private readonly positions = new PositionDiff();
  private counters = { streamConnections: 0, streamDrops: 0, reconciliations: 0 };
  private onFirstConnection: (() => void) | undefined;

  constructor(
    readonly gateway: VenueGateway,
    private readonly options: ResilienceOptions,
    private readonly dependencies: GatewayBrokerDependencies,
  ) {
    this.venue = gateway.venue;
    this.has = Object.freeze({ ...gateway.capabilities });
    this.tracker = new OrderTracker(this.venue, dependencies.clock, () => this.listener);
    this.breaker = new CircuitBreaker(this.venue, options.circuitBreaker, dependencies.clock);
    this.streamBreaker = new CircuitBreaker(this.venue, options.circuitBreaker, dependencies.clock);
  }

  setListener(listener: BrokerListener): void {
    this.listener = listener;
  }

  /**
   * Opens the venue session, starts the order stream (waiting, up to `streamConnectTimeoutMs`, until it is
   * connected, so nothing falls between the snapshot and the stream), reconciles, and starts periodic
   * reconciliation.
   */
  async connect(): Promise<void> {
    if (this.abort !== undefined) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      await this.ensureOpen();
      if (this.gateway.streamOrders !== undefined && this.has.orderStream) {
        const connected = new Promise<void>((resolve) => (this.onFirstConnection = resolve));
        this.loops.push(
          superviseOrderStream(
            {
              gateway: this.gateway,
              backoff: this.options.backoff,
              breaker: this.streamBreaker,
              scheduler: this.dependencies.scheduler,
              logger: this.dependencies.logger,
              ...(this.dependencies.random === undefined ? {} : { random: this.dependencies.random }),
              onSnapshot: (snapshot) => this.onStreamSnapshot(snapshot),
              onConnected: () => {
                this.counters.streamConnections++;
                const first = this.onFirstConnection;
                this.onFirstConnection = undefined;
                if (first !== undefined) first();
                else void this.reconcileSafely('reconnect');
              },
              onDrop: () => void this.counters.streamDrops++,
            },
            abort.signal,
          ),
        );
        await this.firstOf(connected, this.options.streamConnectTimeoutMs);
      }
      await this.reconcile('start');
    } catch (error) {
      abort.abort();
      await Promise.allSettled(this.loops);
      this.loops = [];
      this.abort = undefined;
      throw error;
    }
    if (this.options.reconcileIntervalMs > 0) this.loops.push(this.reconcilePeriodically(abort.signal));
  }

  /** Stops the stream and the reconciliation loop and closes the venue session. */
  async disconnect(): Promise<void> {
    this.abort?.abort();
    this.abort = undefined;
    await Promise.allSettled(this.loops);
    this.loops = [];
    if (this.opened !== undefined) {
      this.opened = undefined;
      await this.gateway.close();
    }
  }

  /** Kernel hook: disconnects if the run did not. */
  dispose(): Promise<void> {
    return this.disconnect();
  }

  /** Connection counters. */
  stats(): BrokerConnectionStats {
    return { connected: this.abort !== undefined, ...this.counters };
  }

  /**
   * Sends an order; a second submit with a known client order id or id does nothing. A failure rejects the
   * returned promise and is also reported (a `rejected` update for a permanent one) and logged, so a caller that
   * does not await (the order manager) loses nothing and never sees an unhandled rejection.
   */
  submit(order: Order): Promise<void> {
    return this.observed(this.submitOrder(order), `submit ${order.id}`);
  }

  /** Cancels a working order; canceling a final order does nothing. */
  cancel(orderId: string): Promise<void> {
    return this.observed(this.cancelOrder(orderId), `cancel ${orderId}`);
  }

  /** Changes quantity or prices of a working order. */
  modify(orderId: string, changes: OrderChanges): Promise<void> {
    return this.observed(this.modifyOrder(orderId, changes), `modify ${orderId}`);
  }

  // The caller still receives the rejection; a caller that ignores the promise cannot crash the process
  private observed(work: Promise<void>, what: string): Promise<void> {
    work.catch((error: unknown) => {
      const failure = error as Partial<BrokerError>;
      this.dependencies.logger.warn({ venue: this.venue, what, code: failure.code, venueCode: failure.venueCode, retryable: failure.retryable, err: failure.message }, 'broker command failed');
    });
    return work;
  }

  private async submitOrder(order: Order): Promise<void> {
    requireOrderSupported(this.venue, this.has, order);
    if (this.tracker.byClientOrderId(order.clientOrderId) !== undefined || this.tracker.get(order.id) !== undefined) return;
    const entry = this.tracker.track(order);
    let snapshot: VenueOrderSnapshot;
    let sent = false;
    try {
      await this.ensureOpen();
      const place = (): Promise<VenueOrderSnapshot> => {
        sent = true;
        return this.gateway.place(order);
      };
      snapshot = await withRetries(this.retryContext(), `submit ${order.clientOrderId}`, place, async (error) => {
        // The venue may have taken the order before the connection failed: look before sending again
        if (!isAmbiguous(error)) return undefined;
        const found = await this.findQuietly(order);
        return found === undefined ? undefined : { done: true, value: found };
      });
    } catch (error) {
      const brokerError = error as BrokerError;
      const ambiguous = sent && isAmbiguous(brokerError);
      const found = ambiguous ? await this.findQuietly(order) : undefined;
      if (found !== undefined) {
        this.tracker.apply(found);
        return;
      }
      // After an ambiguous failure the order may still surface; reconciliation will pick it up
      if (!ambiguous) this.tracker.reject(entry, describe(brokerError));
      throw brokerError;
    }
    this.tracker.apply(snapshot);
  }

  private async cancelOrder(orderId: string): Promise<void> {
    requireCapability(this.venue, this.has, 'cancel');
    const entry = this.requireEntry(orderId, 'cancel');
    if (TERMINAL_ORDER_STATUSES.has(entry.order.status)) return;
    const venueOrderId = await this.venueOrderId(entry);
    try {
      const after = await withRetries(this.retryContext(), `cancel ${orderId}`, () => this.gateway.cancel(venueOrderId, entry.order));
      if (after !== undefined) this.tracker.apply(after);
    } catch (error) {
      if ((error as BrokerError).code !== 'GM_ORDER_NOT_FOUND') throw error;
    }
    // The venue's own view settles fills that raced the cancel
    if (!TERMINAL_ORDER_STATUSES.has(entry.order.status)) {
      const latest = await this.findQuietly({ ...entry.order, clientOrderId: entry.venueClientOrderId });
      if (latest !== undefined) this.tracker.apply(latest);
    }
  }

  private async modifyOrder(orderId: string, changes: OrderChanges): Promise<void> {
    requireCapability(this.venue, this.has, 'modify');
    const entry = this.requireEntry(orderId, 'modify');
    const order = entry.order;
    const refuse = (message: string): never => {
      throw new BrokerError('GM_BROKER_ORDER_REJECTED', `${this.venue}: modify order "${orderId}": ${message}`, { venue: this.venue, retryable: false });
    };
    if (TERMINAL_ORDER_STATUSES.has(order.status)) refuse(`the order is already ${order.status}`);
    if (changes.quantity !== undefined && !(changes.quantity > order.filledQuantity)) refuse(`quantity must be above the filled quantity ${order.filledQuantity}, was ${changes.quantity}`);
    if (changes.limitPrice !== undefined && order.type !== 'limit' && order.type !== 'stop_limit') refuse(`limitPrice applies to limit and stop_limit orders, this one is ${order.type}`);
    if (changes.stopPrice !== undefined && order.type !== 'stop' && order.type !== 'stop_limit') refuse(`stopPrice applies to stop and stop_limit orders, this one is ${order.type}`);
    const venueOrderId = await this.venueOrderId(entry);
    const replacementClientOrderId = this.gateway.replacementClientOrderId?.(order.clientOrderId, entry.replacements + 1);
    this.tracker.beginReplace(entry, replacementClientOrderId);
    try {
      const replacement = await withRetries(
        this.retryContext(),
        `modify ${orderId}`,
        () => this.gateway.replace(venueOrderId, entry.order, changes, entry.order.filledQuantity, replacementClientOrderId),
        async (error) => {
          // A replace that may have happened is never sent twice
          if (isAmbiguous(error)) throw error;
          return undefined;
        },
      );
      this.tracker.endReplace(entry, replacement);
    } catch (error) {
      this.tracker.endReplace(entry);
      throw error;
    }
  }

  async fetchAccount(): Promise<AccountSnapshot> {
    requireCapability(this.venue, this.has, 'fetchAccount');
    await this.ensureOpen();
    return withRetries(this.retryContext(), 'fetch account', () => this.gateway.account());
  }

  async fetchPositions(): Promise<readonly Position[]> {
    requireCapability(this.venue, this.has, 'fetchPositions');
    await this.ensureOpen();
    return withRetries(this.retryContext(), 'fetch positions', () => this.gateway.positions());
  }

  /** Orders open at the venue, as framework orders (orders this session did not send are adopted). */
  async fetchOpenOrders(): Promise<readonly Order[]> {
    requireCapability(this.venue, this.has, 'fetchOpenOrders');
    await this.ensureOpen();
    const snapshots = await withRetries(this.retryContext(), 'fetch open orders', () => this.gateway.openOrders());
    return snapshots.map((snapshot) => {
      const entry = this.tracker.byClientOrderId(snapshot.clientOrderId);
      if (entry === undefined) return this.tracker.adopt(snapshot);
      this.tracker.apply(snapshot);
      return entry.order;
    });
  }

  /**
   * Compares the venue's open orders and positions with what this broker tracks and reports every difference
   * through the listener: fills and state changes it missed, orders it did not send, changed positions.
   */
  async reconcile(reason: ReconcileReason = 'manual'): Promise<ReconcileReport> {
    await this.ensureOpen();
    const report = await reconcileWithVenue(reason, {
      gateway: this.gateway,
      has: this.has,
      tracker: this.tracker,
      positions: this.positions,
      retry: this.retryContext(),
      clock: this.dependencies.clock,
    });
    this.counters.reconciliations++;
    this.dependencies.logger.info(
      { venue: this.venue, reason, adopted: report.adopted.length, updated: report.updated.length, unchanged: report.unchanged, positionChanges: report.positionChanges.length },
      'reconciled with the venue',
    );
    this.listener?.onReconcile?.(report);
    return report;
  }

  // Waits for `promise`, but at most `ms` of wall-clock time (a guard against a stream that never connects)
  private async firstOf(promise: Promise<void>, ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([promise, timeout]);
    clearTimeout(timer);
    if (this.onFirstConnection !== undefined) this.dependencies.logger.warn({ venue: this.venue, timeoutMs: ms }, 'order stream not connected yet; continuing with reconciliation only');
  }

  private onStreamSnapshot(snapshot: VenueOrderSnapshot): void {
    const entry = this.tracker.byClientOrderId(snapshot.clientOrderId);
    if (entry === undefined) {
      if (!TERMINAL_ORDER_STATUSES.has(snapshot.status)) this.tracker.adopt(snapshot);
      return;
    }
    this.tracker.apply(snapshot);
  }

  private async reconcilePeriodically(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.dependencies.scheduler.sleep(this.options.reconcileIntervalMs, signal);
      if (!signal.aborted) await this.reconcileSafely('periodic');
    }
  }

  private async reconcileSafely(reason: ReconcileReason): Promise<void> {
    try {
      await this.reconcile(reason);
    } catch (error) {
      this.dependencies.logger.warn({ venue: this.venue, reason, err: (error as Error).message }, 'reconciliation failed; will try again');
    }
  }

  private ensureOpen(): Promise<void> {
    this.opened ??= withRetries(this.retryContext(), 'connect', () => this.gateway.open()).catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  private retryContext(): RetryContext {
    return {
      venue: this.venue,
      classify: (error) => this.gateway.classify(error),
      breaker: this.breaker,
      scheduler: this.dependencies.scheduler,
      backoff: this.options.backoff,
      maxAttempts: this.options.retry.maxAttempts,
      logger: this.dependencies.logger,
      ...(this.abort === undefined ? {} : { signal: this.abort.signal }),
    };
  }

  private requireEntry(orderId: string, action: string): TrackedOrder {
    const entry = this.tracker.get(orderId);
    if (entry === undefined) {
      throw new BrokerError('GM_ORDER_NOT_FOUND', `${this.venue}: ${action}: no order with id "${orderId}" was submitted through this broker`, { venue: this.venue, retryable: false });
    }
    return entry;
  }

  // The venue id is known once the venue answered; before that, the client id finds it
  private async venueOrderId(entry: TrackedOrder): Promise<string> {
    if (entry.venueOrderId !== undefined) return entry.venueOrderId;
    const found = await withRetries(this.retryContext(), `find ${entry.order.id}`, () => this.gateway.find(entry.venueClientOrderId, entry.order.symbol));
    if (found === undefined) {
      throw new BrokerError('GM_ORDER_NOT_FOUND', `${this.venue}: order "${entry.order.id}" (client id ${entry.order.clientOrderId}) is not known to the venue yet`, { venue: this.venue, retryable: true });
    }
    this.tracker.apply(found);
    return found.venueOrderId;
  }

  private async findQuietly(order: Order): Promise<VenueOrderSnapshot | undefined> {
    try {
      return await this.gateway.find(order.clientOrderId, order.symbol);
    } catch {
      return undefined;
    }
  }
}

function describe(error: BrokerError): string {
  const venue = [error.venueCode, error.venueMessage].filter((part) => part !== undefined && part !== '').join(' ');
  return `${error.code}${venue === '' ? '' : ` (${venue})`}: ${error.message}`;
}
