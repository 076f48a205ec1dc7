import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeOrderBook, FakeRejection, type FakeFailure, type FakeOrder } from './fake-order-book.js';
import { close, listen, readBody, sendJson } from './http-helpers.js';
import { decodeMsgpack, encodeMsgpack, MsgpackTimestamp } from './msgpack.js';

/** One bar the fake's market-data API serves. */
export interface FakeAlpacaBar {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

const ERRORS: Record<FakeFailure | 'not-found' | 'duplicate' | 'not-cancelable' | 'invalid', { status: number; code: number; message: string }> = {
  'rate-limit': { status: 429, code: 42910000, message: 'rate limit exceeded' },
  unavailable: { status: 503, code: 50010000, message: 'service unavailable' },
  'insufficient-funds': { status: 403, code: 40310000, message: 'insufficient buying power' },
  'bad-symbol': { status: 422, code: 40010001, message: 'asset not found' },
  auth: { status: 401, code: 40110000, message: 'request is not authorized' },
  'not-found': { status: 404, code: 40410000, message: 'order not found' },
  duplicate: { status: 422, code: 40010001, message: 'client_order_id must be unique' },
  'not-cancelable': { status: 422, code: 42210000, message: 'order is not cancelable' },
  invalid: { status: 422, code: 40010001, message: 'invalid order' },
};

const STATUS: Record<FakeOrder['status'], string> = {
  new: 'new',
  partially_filled: 'partially_filled',
  filled: 'filled',
  canceled: 'canceled',
  rejected: 'rejected',
  expired: 'expired',
  replaced: 'replaced',
};

const CRYPTO_PATH = '/v1beta3/crypto/us/bars';

/**
 * A local fake of Alpaca for the real `@alpacahq/alpaca-trade-api` v4 client: the trading REST API (account,
 * positions, orders with client ids, replace, cancel; key headers checked on every call), the market-data bars
 * API (paginated with page tokens), the JSON trading stream (`authenticate`, `listen`, `trade_updates`) and the
 * msgpack market-data stream (`auth`, `subscribe`, bars). One port serves all; state survives `restart()`.
 */
export class FakeAlpaca {
  readonly book: FakeOrderBook;
  /** Bars by symbol (stocks `AAPL`, crypto `BTC/USD`). */
  readonly bars = new Map<string, FakeAlpacaBar[]>();
  readonly requests: string[] = [];
  retryAfterSeconds = 2;
  /** Largest page the bars API returns. */
  pageLimit = 1_000;
  /** Trading-stream authentications accepted so far. */
  tradingStreamAuthentications = 0;
  /** Market-data subscriptions so far. */
  dataSubscriptions = 0;
  /** Answer POST /v2/orders after booking the order with a dropped connection (an ambiguous failure), this many times. */
  dropOrderResponses = 0;
  private server: Server | undefined;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly tradingClients = new Set<WebSocket>();
  private readonly dataClients = new Map<WebSocket, Set<string>>();
  private port = 0;

  constructor(
    readonly keyId = 'fake-alpaca-key',
    readonly secretKey = 'fake-alpaca-secret',
    private readonly now: () => number = () => Date.now(),
  ) {
    this.book = new FakeOrderBook(
      new Map([
        ['AAPL', { base: 'AAPL', quote: 'USD' }],
        ['MSFT', { base: 'MSFT', quote: 'USD' }],
        ['BTC/USD', { base: 'BTC', quote: 'USD' }],
      ]),
      now,
    );
    this.book.feeBps = 0;
    // The fake account is a margin account with shorting enabled
    this.book.allowShortSales = true;
    this.book.balances.set('USD', 100_000);
    this.book.balances.set('AAPL', 10);
    this.book.prices.set('AAPL', 190);
    this.book.prices.set('MSFT', 410);
    this.book.prices.set('BTC/USD', 60_000);
    this.book.onChange = (order) => this.pushTradeUpdate(order);
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.port = await listen(server, this.port);
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const socket of [...this.tradingClients, ...this.dataClients.keys()]) socket.terminate();
    this.tradingClients.clear();
    this.dataClients.clear();
    if (this.server !== undefined) await close(this.server);
    this.server = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Drops every WebSocket without stopping the server. */
  dropStreams(): void {
    for (const socket of [...this.tradingClients, ...this.dataClients.keys()]) socket.terminate();
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The trading-stream URL. */
  get streamUrl(): string {
    return `ws://127.0.0.1:${this.port}/stream`;
  }

  /** The market-data stream URL (stocks, IEX feed). */
  get dataStreamUrl(): string {
    return `ws://127.0.0.1:${this.port}/v2/iex`;
  }

  /** Pushes a closed minute bar to market-data subscribers of its symbol. */
  pushBar(symbol: string, bar: FakeAlpacaBar): void {
    const frame = [{ T: 'b', S: symbol, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume, t: new MsgpackTimestamp(bar.start), n: 10, vw: bar.close }];
    for (const [socket, symbols] of this.dataClients) if (symbols.has(symbol)) socket.send(encodeMsgpack(frame));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    this.sockets.handleUpgrade(request, socket, head, (client) => {
      if (path === '/stream') this.serveTrading(client);
      else this.serveData(client);
    });
  }

  private serveTrading(client: WebSocket): void {
    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as { action: string; data: Record<string, unknown> };
      if (message.action === 'authenticate') {
        const ok = message.data['key_id'] === this.keyId && message.data['secret_key'] === this.secretKey;
        client.send(JSON.stringify({ stream: 'authorization', data: { action: 'authenticate', status: ok ? 'authorized' : 'unauthorized' } }));
        if (ok) {
          this.tradingClients.add(client);
          this.tradingStreamAuthentications++;
        }
      } else if (message.action === 'listen' && this.tradingClients.has(client)) {
        client.send(JSON.stringify({ stream: 'listening', data: { streams: ['trade_updates'] } }));
      }
    });
    client.on('close', () => this.tradingClients.delete(client));
  }

  private serveData(client: WebSocket): void {
    let authenticated = false;
    client.send(encodeMsgpack([{ T: 'success', msg: 'connected' }]));
    client.on('message', (data) => {
      const message = decodeMsgpack(data as Buffer) as { action: string; key?: string; secret?: string; bars?: string[] };
      if (message.action === 'auth') {
        authenticated = message.key === this.keyId && message.secret === this.secretKey;
        client.send(encodeMsgpack([authenticated ? { T: 'success', msg: 'authenticated' } : { T: 'error', code: 402, msg: 'auth failed' }]));
        if (authenticated) this.dataClients.set(client, new Set());
      } else if (message.action === 'subscribe' && authenticated) {
        const symbols = this.dataClients.get(client)!;
        for (const symbol of message.bars ?? []) symbols.add(symbol);
        this.dataSubscriptions++;
        client.send(encodeMsgpack([{ T: 'subscription', trades: [], quotes: [], bars: [...symbols], updatedBars: [], dailyBars: [], statuses: [], lulds: [], corrections: [], cancelErrors: [] }]));
      }
    });
    client.on('close', () => this.dataClients.delete(client));
  }

  private pushTradeUpdate(order: FakeOrder): void {
    const fill = order.lastFill;
    const event = fill !== undefined ? (order.status === 'filled' ? 'fill' : 'partial_fill') : order.status === 'new' ? 'new' : STATUS[order.status];
    const payload = {
      stream: 'trade_updates',
      data: {
        event,
        execution_id: fill === undefined ? undefined : `exec-${fill.tradeId}`,
        timestamp: new Date(order.updatedAt).toISOString(),
        order: this.orderJson(order),
        ...(fill === undefined ? {} : { price: String(fill.price), qty: String(fill.quantity), position_qty: String(this.book.balances.get(this.book.symbols.get(order.symbol)!.base) ?? 0) }),
      },
    };
    for (const socket of this.tradingClients) socket.send(JSON.stringify(payload));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    this.requests.push(`${method} ${url.pathname}`);
    const fail = (kind: keyof typeof ERRORS): void => {
      const error = ERRORS[kind];
      if (kind === 'unavailable') {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('upstream connect error');
        return;
      }
      sendJson(response, error.status, { code: error.code, message: error.message }, kind === 'rate-limit' ? { 'Retry-After': String(this.retryAfterSeconds) } : {});
    };
    // Crypto market data is public at Alpaca (the SDK sends no keys there); everything else needs both key headers
    const isPublic = method === 'GET' && url.pathname === CRYPTO_PATH;
    if (!isPublic && (request.headers['apca-api-key-id'] !== this.keyId || request.headers['apca-api-secret-key'] !== this.secretKey)) return fail('auth');
    const isOrderPlacement = method === 'POST' && url.pathname === '/v2/orders';
    const pending = this.book.peekFailure();
    if (pending !== undefined && (isOrderPlacement || (pending !== 'insufficient-funds' && pending !== 'bad-symbol'))) return fail(this.book.takeFailure()!);
    try {
      if (method === 'GET' && url.pathname === '/v2/stocks/bars') return sendJson(response, 200, this.barsPage(url.searchParams));
      if (method === 'GET' && url.pathname === CRYPTO_PATH) return sendJson(response, 200, this.barsPage(url.searchParams));
      if (method === 'GET' && url.pathname === '/v2/account') return sendJson(response, 200, this.accountJson());
      if (method === 'GET' && url.pathname === '/v2/positions') return sendJson(response, 200, this.positionsJson());
      if (method === 'GET' && url.pathname === '/v2/orders') {
        const status = url.searchParams.get('status') ?? 'open';
        const orders = status === 'open' ? this.book.openOrders() : [...this.book.orders.values()];
        return sendJson(response, 200, orders.map((order) => this.orderJson(order)));
      }
      if (method === 'GET' && url.pathname === '/v2/orders:by_client_order_id') {
        const order = this.book.byClientId(url.searchParams.get('client_order_id') ?? '');
        return order === undefined ? fail('not-found') : sendJson(response, 200, this.orderJson(order));
      }
      if (isOrderPlacement) return this.placeOrder(JSON.parse(body) as Record<string, string>, response);
      const byId = /^\/v2\/orders\/([^/]+)$/.exec(url.pathname);
      if (byId !== null) {
        const order = this.book.orders.get(byId[1]!);
        if (order === undefined) return fail('not-found');
        if (method === 'GET') return sendJson(response, 200, this.orderJson(order));
        if (method === 'DELETE') {
          if (!this.book.isOpen(order)) return fail('not-cancelable');
          this.book.cancel(order.venueId);
          response.writeHead(204);
          response.end();
          return;
        }
        if (method === 'PATCH') {
          const changes = JSON.parse(body) as Record<string, string>;
          const replacement = this.book.replace(order.venueId, {
            ...(changes['qty'] === undefined ? {} : { quantity: Number(changes['qty']) }),
            ...(changes['limit_price'] === undefined ? {} : { limitPrice: Number(changes['limit_price']) }),
            ...(changes['stop_price'] === undefined ? {} : { stopPrice: Number(changes['stop_price']) }),
            ...(changes['client_order_id'] === undefined ? {} : { clientOrderId: changes['client_order_id'] }),
          });
          return sendJson(response, 200, this.orderJson(replacement));
        }
      }
      return sendJson(response, 404, { code: 40410000, message: `no route ${method} ${url.pathname}` });
    } catch (error) {
      if (error instanceof FakeRejection) return fail(error.reason === 'unknown-order' ? 'not-found' : error.reason);
      throw error;
    }
  }

  private placeOrder(input: Record<string, string>, response: ServerResponse): void {
    if (input['client_order_id'] !== undefined && this.book.byClientId(input['client_order_id']) !== undefined) throw new FakeRejection('duplicate');
    const type = input['type'] as FakeOrder['type'];
    if (!['market', 'limit', 'stop', 'stop_limit'].includes(type)) throw new FakeRejection('invalid');
    const order = this.book.place({
      clientOrderId: input['client_order_id'] ?? `alpaca-${this.requests.length}`,
      symbol: input['symbol'] ?? '',
      side: input['side'] === 'sell' ? 'sell' : 'buy',
      type,
      quantity: Number(input['qty']),
      ...(input['limit_price'] === undefined ? {} : { limitPrice: Number(input['limit_price']) }),
      ...(input['stop_price'] === undefined ? {} : { stopPrice: Number(input['stop_price']) }),
      timeInForce: input['time_in_force'] ?? 'day',
    });
    if (this.dropOrderResponses > 0) {
      this.dropOrderResponses--;
      response.socket?.destroy();
      return;
    }
    sendJson(response, 200, this.orderJson(order));
  }

  private barsPage(params: URLSearchParams): Record<string, unknown> {
    const symbols = (params.get('symbols') ?? '').split(',').filter((symbol) => symbol !== '');
    const start = params.get('start') === null ? Number.NEGATIVE_INFINITY : Date.parse(params.get('start')!);
    const end = params.get('end') === null ? Number.POSITIVE_INFINITY : Date.parse(params.get('end')!);
    const limit = Math.min(this.pageLimit, Number(params.get('limit') ?? this.pageLimit));
    // The page token is the index of the first row not yet sent, over the symbol-then-time ordering
    const rows = symbols.flatMap((symbol) => (this.bars.get(symbol) ?? []).filter((bar) => bar.start >= start && bar.start <= end).map((bar) => ({ symbol, bar })));
    const offset = Number(params.get('page_token') ?? 0);
    const page = rows.slice(offset, offset + limit);
    const bars: Record<string, unknown[]> = {};
    for (const { symbol, bar } of page) (bars[symbol] ??= []).push({ t: new Date(bar.start).toISOString(), o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume, n: 10, vw: bar.close });
    return { bars, next_page_token: offset + limit < rows.length ? String(offset + limit) : null };
  }

  private accountJson(): Record<string, unknown> {
    const cash = this.book.balances.get('USD') ?? 0;
    const holdings = [...this.book.balances].filter(([asset]) => asset !== 'USD').reduce((sum, [asset, quantity]) => sum + quantity * (this.book.prices.get(asset === 'BTC' ? 'BTC/USD' : asset) ?? 0), 0);
    return {
      id: 'fake-account',
      account_number: 'PA0000FAKE',
      status: 'ACTIVE',
      currency: 'USD',
      cash: String(cash),
      buying_power: String(cash * 2),
      equity: String(cash + holdings),
      portfolio_value: String(cash + holdings),
      pattern_day_trader: false,
      trading_blocked: false,
      transfers_blocked: false,
      account_blocked: false,
      created_at: '2024-01-01T00:00:00Z',
      shorting_enabled: true,
      multiplier: '2',
      long_market_value: String(holdings),
      short_market_value: '0',
      initial_margin: '0',
      maintenance_margin: '0',
      daytrade_count: 0,
    };
  }

  private positionsJson(): Record<string, unknown>[] {
    return [...this.book.balances]
      .filter(([asset, quantity]) => asset !== 'USD' && quantity !== 0)
      .map(([asset, quantity]) => {
        const symbol = asset === 'BTC' ? 'BTCUSD' : asset;
        const price = this.book.prices.get(asset === 'BTC' ? 'BTC/USD' : asset) ?? 0;
        return {
          asset_id: `asset-${asset}`,
          symbol,
          exchange: asset === 'BTC' ? 'CRYPTO' : 'NASDAQ',
          asset_class: asset === 'BTC' ? 'crypto' : 'us_equity',
          asset_marginable: true,
          avg_entry_price: '150',
          qty: String(quantity),
          qty_available: String(quantity),
          side: quantity > 0 ? 'long' : 'short',
          market_value: String(quantity * price),
          cost_basis: String(quantity * 150),
          unrealized_pl: String(quantity * (price - 150)),
          unrealized_plpc: '0',
          unrealized_intraday_pl: '0',
          unrealized_intraday_plpc: '0',
          current_price: String(price),
          lastday_price: String(price),
          change_today: '0',
        };
      });
  }

  orderJson(order: FakeOrder): Record<string, unknown> {
    const iso = (time: number): string => new Date(time).toISOString();
    return {
      id: order.venueId,
      client_order_id: order.clientOrderId,
      created_at: iso(order.createdAt),
      updated_at: iso(order.updatedAt),
      submitted_at: iso(order.createdAt),
      filled_at: order.status === 'filled' ? iso(order.updatedAt) : null,
      expired_at: null,
      canceled_at: order.status === 'canceled' ? iso(order.updatedAt) : null,
      failed_at: null,
      replaced_at: order.status === 'replaced' ? iso(order.updatedAt) : null,
      replaced_by: null,
      replaces: order.replaces ?? null,
      asset_id: `asset-${order.symbol}`,
      symbol: order.symbol,
      asset_class: order.symbol.includes('/') ? 'crypto' : 'us_equity',
      notional: null,
      qty: String(order.quantity),
      filled_qty: String(order.filled),
      filled_avg_price: order.filled > 0 ? String(order.notional / order.filled) : null,
      order_class: '',
      order_type: order.type,
      type: order.type,
      side: order.side,
      position_intent: order.side === 'buy' ? 'buy_to_open' : 'sell_to_close',
      time_in_force: order.timeInForce,
      limit_price: order.limitPrice === undefined ? null : String(order.limitPrice),
      stop_price: order.stopPrice === undefined ? null : String(order.stopPrice),
      status: STATUS[order.status],
      extended_hours: false,
      legs: null,
      trail_percent: null,
      trail_price: null,
      hwm: null,
    };
  }
}
