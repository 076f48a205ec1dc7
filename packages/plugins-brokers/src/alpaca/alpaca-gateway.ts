import { streaming, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { BrokerError, type AccountSnapshot, type BrokerCapabilities, type Clock, type Order, type OrderChanges, type Position } from '@grandmodel/framework';
import type { OrderStreamHandlers, VenueGateway } from '../core/venue-gateway.js';
import type { VenueOrderSnapshot } from '../core/venue-order.js';
import { createAlpacaClient } from './alpaca-client.js';
import { classifyAlpacaError } from './alpaca-errors.js';
import type { AlpacaBrokerOptions } from './alpaca-options.js';
import { positionFromAlpaca, snapshotFromAlpaca } from './alpaca-order-mapping.js';

/**
 * The Alpaca half of the `alpaca` broker (stocks and crypto): orders over REST with the client order id,
 * replace (Alpaca gives the replacement a new id and needs a new client id), the trade-updates stream, the
 * account and positions.
 */
export class AlpacaGateway implements VenueGateway {
  readonly venue = 'alpaca';
  readonly capabilities: BrokerCapabilities = Object.freeze({
    market: true,
    limit: true,
    stop: true,
    stopLimit: true,
    bracket: false,
    cancel: true,
    modify: true,
    fetchAccount: true,
    fetchPositions: true,
    fetchOpenOrders: true,
    orderStream: true,
    shortSelling: true,
  });
  readonly client: Alpaca;

  constructor(
    private readonly options: AlpacaBrokerOptions,
    private readonly clock: Clock,
  ) {
    this.client = createAlpacaClient(options);
  }

  classify(error: unknown): BrokerError {
    return classifyAlpacaError(error);
  }

  /** Checks the credentials with an account request. */
  async open(): Promise<void> {
    await this.client.trading.account.getAccount();
  }

  async close(): Promise<void> {}

  async place(order: Order): Promise<VenueOrderSnapshot> {
    try {
      const placed = await this.client.trading.orders.submit({
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        qty: order.quantity,
        timeInForce: order.timeInForce,
        clientOrderId: this.venueClientId(order.clientOrderId),
        ...(order.limitPrice === undefined ? {} : { limitPrice: order.limitPrice }),
        ...(order.stopPrice === undefined ? {} : { stopPrice: order.stopPrice }),
      });
      return this.snapshot(placed);
    } catch (error) {
      // Alpaca refuses a reused client id: after a retried submit the order with that id is ours
      if (/client_order_id must be unique/i.test(error instanceof Error ? error.message : '')) {
        const existing = await this.find(order.clientOrderId);
        if (existing !== undefined) return existing;
      }
      throw error;
    }
  }

  async find(clientOrderId: string): Promise<VenueOrderSnapshot | undefined> {
    try {
      return this.snapshot(await this.client.trading.orders.getOrderByClientOrderId({ clientOrderId: this.venueClientId(clientOrderId) }));
    } catch (error) {
      if (this.classify(error).code === 'GM_ORDER_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** Requests the cancel; Alpaca confirms it on the trade-updates stream (the broker also looks the order up). */
  async cancel(venueOrderId: string): Promise<VenueOrderSnapshot | undefined> {
    try {
      await this.client.trading.orders.deleteOrderByOrderID({ orderId: venueOrderId });
    } catch (error) {
      // 422: no longer cancelable (filled or already canceled); its final state is looked up next
      const classified = this.classify(error);
      if (classified.venueCode !== '42210000') throw error;
    }
    return undefined;
  }

  replacementClientOrderId(clientOrderId: string, count: number): string {
    return `${clientOrderId}.r${count}`;
  }

  async replace(venueOrderId: string, order: Order, changes: OrderChanges, filled: number, replacementClientOrderId?: string): Promise<VenueOrderSnapshot> {
    const quantity = changes.quantity === undefined ? undefined : changes.quantity - filled;
    const replaced = await this.client.trading.orders.patchOrderByOrderId({
      orderId: venueOrderId,
      patchOrderRequest: {
        ...(quantity === undefined ? {} : { qty: String(quantity) }),
        ...(changes.limitPrice === undefined ? {} : { limitPrice: String(changes.limitPrice) }),
        ...(changes.stopPrice === undefined ? {} : { stopPrice: String(changes.stopPrice) }),
        ...(replacementClientOrderId === undefined ? {} : { clientOrderId: this.venueClientId(replacementClientOrderId) }),
      },
    });
    return this.snapshot(replaced);
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    const orders = await this.client.trading.orders.getAllOrders({ status: 'open', limit: 500 });
    return orders.map((order) => this.snapshot(order));
  }

  async account(): Promise<AccountSnapshot> {
    const account = await this.client.trading.account.getAccount();
    const number = (value: string | null | undefined): number => Number(value ?? 0);
    return { currency: account.currency ?? 'USD', cash: number(account.cash), equity: number(account.equity), buyingPower: number(account.buyingPower) };
  }

  async positions(): Promise<Position[]> {
    return (await this.client.trading.positions.getAllOpenPositions()).map(positionFromAlpaca);
  }

  /** Follows the trade-updates stream until it disconnects (rejects) or `signal` aborts (resolves). */
  streamOrders(handlers: OrderStreamHandlers, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve();
      const stream = this.client.trading.stream({ reconnect: false, ...(this.options.streamUrl === undefined ? {} : { url: this.options.streamUrl }) });
      let settled = false;
      const finish = (error?: BrokerError): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        stream.removeAllListeners();
        stream.disconnect();
        if (error === undefined || signal.aborted) resolve();
        else reject(error);
      };
      const onAbort = (): void => finish();
      signal.addEventListener('abort', onAbort, { once: true });
      stream.onTradeUpdate((update) => {
        if ((update.order.clientOrderId ?? '').startsWith(this.options.clientOrderIdPrefix)) handlers.onSnapshot(this.snapshot(update.order));
      });
      stream.on(streaming.EVENT.SUBSCRIPTION, () => handlers.onConnected());
      stream.onDisconnect(() => finish(new BrokerError('GM_BROKER_UNAVAILABLE', 'alpaca: the trade-updates stream disconnected', { venue: this.venue, retryable: true })));
      void stream.whenAuthenticated().then((result) => {
        if (result.status === streaming.STREAM_AUTH_STATUS.SERVER_REJECTED) {
          finish(new BrokerError('GM_BROKER_AUTH_FAILED', `alpaca: the trade-updates stream refused the credentials (${result.message})`, { venue: this.venue, retryable: false, venueMessage: result.message, ...(result.code === undefined ? {} : { venueCode: String(result.code) }) }));
        }
      });
      stream.subscribeTradeUpdates();
      stream.connect();
    });
  }

  private venueClientId(clientOrderId: string): string {
    return `${this.options.clientOrderIdPrefix}${clientOrderId}`;
  }

  private snapshot(order: Parameters<typeof snapshotFromAlpaca>[0]): VenueOrderSnapshot {
    return snapshotFromAlpaca(order, this.options.clientOrderIdPrefix, this.clock.now());
  }
}
