import type { Order as CcxtOrder } from 'ccxt';
import { BrokerError, type AccountSnapshot, type BrokerCapabilities, type Clock, type Order, type OrderChanges, type Position } from '@grandmodel/framework';
import type { Logger } from 'pino';
import type { OrderStreamHandlers, VenueGateway } from '../core/venue-gateway.js';
import type { VenueOrderSnapshot } from '../core/venue-order.js';
import { classifyCcxtError } from './ccxt-errors.js';
import { createCcxtExchange, loadMarketsAgain, type CcxtExchange } from './ccxt-exchange.js';
import type { CcxtBrokerOptions } from './ccxt-options.js';
import { positionFromCcxt, snapshotFromCcxt } from './ccxt-order-mapping.js';

const TIME_IN_FORCE = { gtc: 'GTC', ioc: 'IOC', fok: 'FOK' } as const;
const flag = (value: unknown): boolean | 'emulated' => (value === 'emulated' ? 'emulated' : value === true);

/** Resolves with the promise's value, or with undefined as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The ccxt half of the `ccxt` broker: orders over REST with the client order id sent to the exchange, the
 * websocket order stream (`watchOrders`), balances as the account, positions (derivatives) or base-asset holdings
 * (spot), and fees read from each filled order's trades.
 */
export class CcxtGateway implements VenueGateway {
  readonly venue: string;
  readonly capabilities: BrokerCapabilities;
  readonly exchange: CcxtExchange;

  constructor(
    private readonly options: CcxtBrokerOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
    exchange?: CcxtExchange,
  ) {
    this.exchange = exchange ?? createCcxtExchange(options);
    this.venue = options.exchange;
    const has = this.exchange.has as Record<string, unknown>;
    const stop = flag(has['createStopMarketOrder']) || flag(has['createTriggerOrder']) || flag(has['createStopOrder']);
    const stopLimit = flag(has['createStopLimitOrder']) || flag(has['createTriggerOrder']) || flag(has['createStopOrder']);
    this.capabilities = Object.freeze({
      market: flag(has['createMarketOrder']) || flag(has['createOrder']),
      limit: flag(has['createLimitOrder']) || flag(has['createOrder']),
      stop,
      stopLimit,
      bracket: false,
      cancel: flag(has['cancelOrder']),
      modify: flag(has['editOrder']),
      fetchAccount: flag(has['fetchBalance']),
      fetchPositions: options.market === 'spot' ? (flag(has['fetchBalance']) === false ? false : 'emulated') : flag(has['fetchPositions']),
      fetchOpenOrders: flag(has['fetchOpenOrders']),
      orderStream: flag(has['watchOrders']),
      shortSelling: options.market !== 'spot',
    });
  }

  classify(error: unknown): BrokerError {
    return classifyCcxtError(this.venue, error, { headers: this.exchange.last_response_headers, body: this.exchange.last_http_response });
  }

  /** Loads markets and checks the credentials with a balance request. */
  async open(): Promise<void> {
    await loadMarketsAgain(this.exchange);
    await this.exchange.fetchBalance();
  }

  async close(): Promise<void> {
    await this.exchange.close();
  }

  async place(order: Order): Promise<VenueOrderSnapshot> {
    const params: Record<string, unknown> = { clientOrderId: this.venueClientId(order.clientOrderId) };
    if (order.timeInForce === 'day') {
      throw new BrokerError('GM_BROKER_NOT_SUPPORTED', `${this.venue}: time in force "day" is not supported on crypto exchanges; use gtc, ioc or fok`, { venue: this.venue, retryable: false });
    }
    if (order.type === 'limit' || order.type === 'stop_limit') params['timeInForce'] = TIME_IN_FORCE[order.timeInForce];
    if (order.type === 'stop' || order.type === 'stop_limit') params['triggerPrice'] = order.stopPrice;
    if (order.reduceOnly === true && this.options.market !== 'spot') params['reduceOnly'] = true;
    const type = order.type === 'market' || order.type === 'stop' ? 'market' : 'limit';
    try {
      const placed = await this.exchange.createOrder(order.symbol, type, order.side, order.quantity, type === 'limit' ? order.limitPrice : undefined, params);
      return await this.snapshot(placed, order.clientOrderId);
    } catch (error) {
      // The exchange already holds an order with this client id (a retried submit): that order is ours
      if (/duplicate/i.test(error instanceof Error ? error.message : '')) {
        const existing = await this.find(order.clientOrderId, order.symbol);
        if (existing !== undefined) return existing;
      }
      throw error;
    }
  }

  async find(clientOrderId: string, symbol: string): Promise<VenueOrderSnapshot | undefined> {
    try {
      const found = await this.exchange.fetchOrder(undefined as unknown as string, symbol, { clientOrderId: this.venueClientId(clientOrderId) });
      return await this.snapshot(found, clientOrderId);
    } catch (error) {
      const classified = this.classify(error);
      if (classified.code === 'GM_ORDER_NOT_FOUND') return undefined;
      if (classified.code !== 'GM_BROKER_NOT_SUPPORTED' && classified.code !== 'GM_BROKER_ORDER_REJECTED') throw error;
      // Exchanges that cannot look up by client id: search the open orders
      const open = await this.exchange.fetchOpenOrders(symbol);
      const match = open.find((candidate) => candidate.clientOrderId === this.venueClientId(clientOrderId));
      return match === undefined ? undefined : this.snapshot(match, clientOrderId);
    }
  }

  async cancel(venueOrderId: string, order: Order): Promise<VenueOrderSnapshot | undefined> {
    const canceled = await this.exchange.cancelOrder(venueOrderId, order.symbol);
    return canceled.status === undefined ? undefined : this.snapshot(canceled, order.clientOrderId);
  }

  /** Edits an order; the amount sent is what remains to fill, since a replacing exchange starts the new order at zero. */
  async replace(venueOrderId: string, order: Order, changes: OrderChanges, filled: number): Promise<VenueOrderSnapshot> {
    const type = order.type === 'market' || order.type === 'stop' ? 'market' : 'limit';
    const remaining = (changes.quantity ?? order.quantity) - filled;
    const stopPrice = changes.stopPrice ?? order.stopPrice;
    const params: Record<string, unknown> = { clientOrderId: this.venueClientId(order.clientOrderId) };
    if (order.type === 'stop' || order.type === 'stop_limit') params['triggerPrice'] = stopPrice;
    if (type === 'limit') params['timeInForce'] = TIME_IN_FORCE[order.timeInForce === 'day' ? 'gtc' : order.timeInForce];
    const edited = await this.exchange.editOrder(venueOrderId, order.symbol, type, order.side, remaining, type === 'limit' ? (changes.limitPrice ?? order.limitPrice) : undefined, params);
    return this.snapshot(edited, order.clientOrderId);
  }

  async openOrders(): Promise<VenueOrderSnapshot[]> {
    const symbols = this.options.symbols.length > 0 ? this.options.symbols : [undefined];
    const snapshots: VenueOrderSnapshot[] = [];
    for (const symbol of symbols) {
      for (const order of await this.exchange.fetchOpenOrders(symbol)) snapshots.push(await this.snapshot(order, order.clientOrderId ?? String(order.id)));
    }
    return snapshots;
  }

  /** Balances: cash is the free amount of the account currency, equity its total (other assets are listed in `balances`). */
  async account(): Promise<AccountSnapshot> {
    const balance = await this.exchange.fetchBalance();
    const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
    const free = (balance.free ?? {}) as unknown as Record<string, number | undefined>;
    const balances: Record<string, number> = {};
    for (const [currency, amount] of Object.entries(totals)) if (typeof amount === 'number' && amount !== 0) balances[currency] = amount;
    const currency = this.options.currency;
    return { currency, cash: free[currency] ?? 0, equity: totals[currency] ?? 0, balances };
  }

  /** Derivatives: the exchange's positions. Spot: the base-asset holdings of the configured symbols. */
  async positions(): Promise<Position[]> {
    if (this.options.market !== 'spot') {
      const positions = await this.exchange.fetchPositions(this.options.symbols.length > 0 ? this.options.symbols : undefined);
      return positions.map(positionFromCcxt).filter((position) => position.quantity !== 0);
    }
    await loadMarketsAgain(this.exchange);
    const balance = await this.exchange.fetchBalance();
    const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
    const positions: Position[] = [];
    for (const symbol of this.options.symbols) {
      const base = (this.exchange.markets as Record<string, { base?: string } | undefined>)[symbol]?.base;
      const quantity = base === undefined ? 0 : (totals[base] ?? 0);
      // A spot balance has no entry price at the exchange
      if (quantity !== 0) positions.push({ symbol, quantity, averagePrice: Number.NaN, realizedPnl: 0, unrealizedPnl: 0, markPrice: Number.NaN });
    }
    return positions;
  }

  /** Follows `watchOrders` until the connection drops (rejects) or `signal` aborts (resolves). */
  async streamOrders(handlers: OrderStreamHandlers, signal: AbortSignal): Promise<void> {
    let announced = false;
    while (!signal.aborted) {
      const next = this.exchange.watchOrders();
      if (!announced) {
        // Connected once every websocket the watch opened is open; orders before that come from reconciliation
        const clients = Object.values(this.exchange.clients as Record<string, { connected?: Promise<unknown> }>);
        const opened = Promise.all(clients.map((client) => client.connected));
        opened.catch(() => undefined);
        const result = await untilAborted(Promise.race([opened.then(() => 'open' as const), next]), signal);
        if (result === undefined) return;
        announced = true;
        handlers.onConnected();
      }
      const orders = await untilAborted(next, signal);
      if (orders === undefined) return;
      for (const order of orders) {
        if (order.clientOrderId === undefined || !order.clientOrderId.startsWith(this.options.clientOrderIdPrefix)) continue;
        handlers.onSnapshot(await this.snapshot(order, order.clientOrderId));
      }
    }
  }

  private venueClientId(clientOrderId: string): string {
    return `${this.options.clientOrderIdPrefix}${clientOrderId}`;
  }

  // Adds the cumulative fee from the order's trades, converted to the quote currency
  private async snapshot(order: CcxtOrder, clientOrderId: string): Promise<VenueOrderSnapshot> {
    const snapshot = snapshotFromCcxt(order, this.options.clientOrderIdPrefix, { clientOrderId, time: this.clock.now() });
    if (!this.options.fetchFees || snapshot.filledQuantity <= 0 || !this.exchange.has['fetchOrderTrades']) return snapshot;
    try {
      const trades = await this.exchange.fetchOrderTrades(String(order.id), order.symbol);
      const market = (this.exchange.markets as Record<string, { base?: string; quote?: string } | undefined>)[order.symbol ?? ''];
      let fee = 0;
      for (const trade of trades) {
        const cost = trade.fee?.cost ?? 0;
        const currency = trade.fee?.currency;
        if (currency === undefined || currency === market?.quote) fee += cost;
        else if (currency === market?.base) fee += cost * (trade.price ?? 0);
        else this.logger.warn({ venue: this.venue, currency, order: snapshot.venueOrderId }, 'fee paid in a third currency is not converted; reported as 0');
      }
      return { ...snapshot, cumulativeFee: fee, liquidity: trades.at(-1)?.takerOrMaker === 'maker' ? 'maker' : 'taker' };
    } catch (error) {
      this.logger.warn({ venue: this.venue, order: snapshot.venueOrderId, err: (error as Error).message }, 'could not read the trades of a filled order; its fee is reported later');
      return snapshot;
    }
  }
}
