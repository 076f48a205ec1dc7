import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeOrderBook, FakeRejection, type FakeFailure, type FakeOrder } from './fake-order-book.js';
import { accountJson, exchangeInfo, klineRows, MARKETS, tradesJson, type FakeKline } from './fake-binance-wire.js';
import { close, listen, readBody, sendJson } from './http-helpers.js';

export type { FakeKline } from './fake-binance-wire.js';

const STATUS: Record<FakeOrder['status'], string> = {
  new: 'NEW',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  canceled: 'CANCELED',
  rejected: 'REJECTED',
  expired: 'EXPIRED',
  replaced: 'CANCELED',
};

const TYPE_TO_WIRE = { market: 'MARKET', limit: 'LIMIT', stop: 'STOP_LOSS', stop_limit: 'STOP_LOSS_LIMIT' } as const;
const WIRE_TO_TYPE: Record<string, FakeOrder['type']> = { MARKET: 'market', LIMIT: 'limit', STOP_LOSS: 'stop', STOP_LOSS_LIMIT: 'stop_limit' };

const ERRORS: Record<FakeFailure | 'bad-key' | 'signature' | 'unknown-order' | 'duplicate' | 'invalid', { status: number; code: number; msg: string }> = {
  'rate-limit': { status: 429, code: -1003, msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE.' },
  unavailable: { status: 503, code: -1001, msg: 'Service Unavailable.' },
  'insufficient-funds': { status: 400, code: -2010, msg: 'Account has insufficient balance for requested action.' },
  'bad-symbol': { status: 400, code: -1121, msg: 'Invalid symbol.' },
  // ccxt reads -2015 after a successful call as a temporary ban, so a refused key shows as a bad signature
  auth: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
  'bad-key': { status: 401, code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  signature: { status: 400, code: -1022, msg: 'Signature for this request is not valid.' },
  'unknown-order': { status: 400, code: -2013, msg: 'Order does not exist.' },
  duplicate: { status: 400, code: -2010, msg: 'Duplicate order sent.' },
  invalid: { status: 400, code: -1013, msg: 'Invalid quantity.' },
};

/**
 * A local fake of Binance spot for the real ccxt client: the REST endpoints ccxt calls for markets, orders,
 * balances, trades and klines (private ones checked with the HMAC-SHA256 query signature and the API-key
 * header), the WebSocket API user-data stream (`userDataStream.subscribe.signature`, then `executionReport`
 * events) and the market stream (`SUBSCRIBE` to `<symbol>@kline_<interval>`). State survives `restart()`.
 */
export class FakeBinance {
  readonly book: FakeOrderBook;
  readonly klines = new Map<string, FakeKline[]>();
  /** Every HTTP request, as `METHOD /path`. */
  readonly requests: string[] = [];
  /** Seconds sent in Retry-After with a 429. */
  retryAfterSeconds = 2;
  /** Answer POST /api/v3/order after the order is booked with a dropped connection (an ambiguous failure), this many times. */
  dropOrderResponses = 0;
  private server: Server | undefined;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly userStreams = new Set<WebSocket>();
  private readonly marketStreams = new Map<WebSocket, Set<string>>();
  private port = 0;
  /** Number of user-data stream subscriptions accepted so far. */
  userStreamSubscriptions = 0;
  /** When true, order changes are not pushed on the user-data stream (a silently stalled stream). */
  muteUserStream = false;
  /** Number of market-stream SUBSCRIBE requests so far. */
  marketSubscriptions = 0;

  constructor(
    readonly apiKey = 'fake-binance-key',
    readonly secret = 'fake-binance-secret',
    private readonly now: () => number = () => Date.now(),
  ) {
    this.book = new FakeOrderBook(new Map([...MARKETS].map(([id, market]) => [id, market])), now);
    this.book.balances.set('USDT', 1_000_000);
    this.book.balances.set('BTC', 10);
    this.book.balances.set('ETH', 100);
    this.book.prices.set('BTCUSDT', 50_000);
    this.book.prices.set('ETHUSDT', 3_000);
    this.book.onChange = (order) => this.pushExecutionReport(order);
  }

  /** Starts listening on 127.0.0.1 (a random port the first time, the same port after a restart). */
  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
    this.port = await listen(server, this.port);
    this.server = server;
  }

  /** Stops listening and drops every connection (REST keep-alives and WebSockets). */
  async stop(): Promise<void> {
    for (const socket of [...this.userStreams, ...this.marketStreams.keys()]) socket.terminate();
    this.userStreams.clear();
    this.marketStreams.clear();
    if (this.server !== undefined) await close(this.server);
    this.server = undefined;
  }

  /** Simulates a venue restart: every connection drops, the state stays. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Drops every WebSocket connection without stopping the server. */
  dropStreams(): void {
    for (const socket of [...this.userStreams, ...this.marketStreams.keys()]) socket.terminate();
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The ccxt `urls` override that points the binance client at this fake. */
  ccxtUrls(): Record<string, unknown> {
    const ws = `ws://127.0.0.1:${this.port}`;
    return {
      api: {
        public: `${this.baseUrl}/api/v3`,
        private: `${this.baseUrl}/api/v3`,
        v1: `${this.baseUrl}/api/v1`,
        sapi: `${this.baseUrl}/sapi/v1`,
        ws: { spot: `${ws}/ws`, margin: `${ws}/ws`, 'ws-api': { spot: `${ws}/ws-api/v3` } },
      },
    };
  }

  /** Pushes a kline update on the market stream (closed or still forming). */
  pushKline(marketId: string, interval: string, kline: FakeKline, closed: boolean): void {
    const stream = `${marketId.toLowerCase()}@kline_${interval}`;
    const message = {
      e: 'kline',
      E: kline.start + 1,
      s: marketId,
      k: { t: kline.start, T: kline.start + 59_999, s: marketId, i: interval, f: 1, L: 2, o: String(kline.open), c: String(kline.close), h: String(kline.high), l: String(kline.low), v: String(kline.volume), n: 2, x: closed, q: '0', V: '0', Q: '0', B: '0' },
    };
    for (const [socket, streams] of this.marketStreams) if (streams.has(stream)) socket.send(JSON.stringify(message));
  }

  /** Number of market-stream subscriptions to a stream name. */
  subscribers(stream: string): number {
    return [...this.marketStreams.values()].filter((streams) => streams.has(stream)).length;
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    this.sockets.handleUpgrade(request, socket, head, (client) => {
      if (path.startsWith('/ws-api/')) this.serveUserStream(client);
      else if (path.startsWith('/ws')) this.serveMarketStream(client);
      else client.close(1008, 'unknown stream path');
    });
  }

  private serveUserStream(client: WebSocket): void {
    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: string; method: string; params: Record<string, string> };
      if (message.method !== 'userDataStream.subscribe.signature') {
        client.send(JSON.stringify({ id: message.id, status: 400, error: { code: -1100, msg: `unknown method ${message.method}` } }));
        return;
      }
      const { signature, ...params } = message.params;
      const payload = Object.keys(params).sort().map((key) => `${key}=${params[key]}`).join('&');
      if (params['apiKey'] !== this.apiKey || !this.signatureMatches(payload, signature)) {
        client.send(JSON.stringify({ id: message.id, status: 401, error: { code: -1022, msg: ERRORS.signature.msg } }));
        return;
      }
      this.userStreams.add(client);
      this.userStreamSubscriptions++;
      client.send(JSON.stringify({ id: message.id, status: 200, result: { subscriptionId: 0 } }));
    });
    client.on('close', () => this.userStreams.delete(client));
  }

  private serveMarketStream(client: WebSocket): void {
    this.marketStreams.set(client, new Set());
    client.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: number; method: string; params: string[] };
      const streams = this.marketStreams.get(client)!;
      if (message.method === 'SUBSCRIBE') {
        this.marketSubscriptions++;
        for (const stream of message.params) streams.add(stream);
      }
      if (message.method === 'UNSUBSCRIBE') for (const stream of message.params) streams.delete(stream);
      client.send(JSON.stringify({ result: null, id: message.id }));
    });
    client.on('close', () => this.marketStreams.delete(client));
  }

  private pushExecutionReport(order: FakeOrder): void {
    if (this.userStreams.size === 0 || this.muteUserStream) return;
    const trade = order.lastFill;
    const executionType = trade !== undefined ? 'TRADE' : order.status === 'new' ? 'NEW' : 'CANCELED';
    const event = {
      e: 'executionReport',
      E: order.updatedAt,
      s: order.symbol,
      c: order.clientOrderId,
      S: order.side.toUpperCase(),
      o: TYPE_TO_WIRE[order.type],
      f: order.timeInForce,
      q: String(order.quantity),
      p: String(order.limitPrice ?? 0),
      P: String(order.stopPrice ?? 0),
      F: '0',
      g: -1,
      C: executionType === 'CANCELED' ? order.clientOrderId : '',
      x: executionType,
      X: STATUS[order.status],
      r: 'NONE',
      i: Number(order.venueId),
      l: String(trade?.quantity ?? 0),
      z: String(order.filled),
      L: String(trade?.price ?? 0),
      n: String(trade?.fee ?? 0),
      N: trade === undefined ? null : MARKETS.get(order.symbol)!.quote,
      T: order.updatedAt,
      t: trade?.tradeId ?? -1,
      I: 1,
      w: this.book.isOpen(order),
      m: order.type === 'limit',
      M: false,
      O: order.createdAt,
      Z: String(order.notional),
      Y: String((trade?.quantity ?? 0) * (trade?.price ?? 0)),
      Q: '0',
    };
    for (const socket of this.userStreams) socket.send(JSON.stringify({ subscriptionId: 0, event }));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    this.requests.push(`${method} ${url.pathname}`);
    const raw = method === 'GET' || method === 'DELETE' ? url.search.slice(1) : body;
    const params = Object.fromEntries(new URLSearchParams(raw));
    const fail = (kind: keyof typeof ERRORS): void => {
      const error = ERRORS[kind];
      if (kind === 'unavailable') {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('Service Unavailable');
        return;
      }
      sendJson(response, error.status, { code: error.code, msg: error.msg }, kind === 'rate-limit' ? { 'Retry-After': String(this.retryAfterSeconds) } : {});
    };
    const isOrderPlacement = method === 'POST' && url.pathname === '/api/v3/order';
    const injected = this.takeFailure(isOrderPlacement);
    if (injected !== undefined) return fail(injected);
    try {
      switch (`${method} ${url.pathname}`) {
        case 'GET /api/v3/ping':
          return sendJson(response, 200, {});
        case 'GET /api/v3/time':
          return sendJson(response, 200, { serverTime: this.now() });
        case 'GET /api/v3/exchangeInfo':
          return sendJson(response, 200, exchangeInfo(this.now()));
        case 'GET /api/v3/klines':
          return sendJson(response, 200, klineRows(this.klines, params));
      }
      if (!url.pathname.startsWith('/api/v3/') && !url.pathname.startsWith('/sapi/v1/')) return sendJson(response, 404, { code: -1, msg: `no route ${method} ${url.pathname}` });
      if (request.headers['x-mbx-apikey'] !== this.apiKey) return fail('bad-key');
      const signatureAt = raw.lastIndexOf('&signature=');
      if (signatureAt < 0 || !this.signatureMatches(raw.slice(0, signatureAt), raw.slice(signatureAt + '&signature='.length))) return fail('signature');
      switch (`${method} ${url.pathname}`) {
        case 'POST /api/v3/order':
          return this.placeOrder(params, response);
        case 'GET /api/v3/order':
          return sendJson(response, 200, this.orderJson(this.findOrder(params)));
        case 'DELETE /api/v3/order':
          return sendJson(response, 200, this.orderJson(this.book.cancel(this.findOrder(params).venueId)));
        case 'POST /api/v3/order/cancelReplace':
          return this.cancelReplace(params, response);
        case 'GET /api/v3/openOrders':
          return sendJson(response, 200, this.book.openOrders(params['symbol']).map((order) => this.orderJson(order)));
        case 'GET /api/v3/account':
          return sendJson(response, 200, accountJson(this.book, this.now()));
        case 'GET /api/v3/myTrades':
          return sendJson(response, 200, tradesJson(this.book, params));
        case 'GET /sapi/v1/margin/allPairs':
        case 'GET /sapi/v1/margin/isolated/allPairs':
          // This fake account has no margin trading
          return sendJson(response, 200, []);
        default:
          return sendJson(response, 404, { code: -1, msg: `no route ${method} ${url.pathname}` });
      }
    } catch (error) {
      if (error instanceof FakeRejection) return fail(error.reason === 'unknown-order' ? 'unknown-order' : error.reason);
      throw error;
    }
  }

  private takeFailure(isOrderPlacement: boolean): FakeFailure | undefined {
    const pending = this.book.peekFailure();
    if (pending === undefined) return undefined;
    const orderOnly = pending === 'insufficient-funds' || pending === 'bad-symbol';
    if (orderOnly && !isOrderPlacement) return undefined;
    return this.book.takeFailure();
  }

  private placeOrder(params: Record<string, string>, response: ServerResponse): void {
    const type = WIRE_TO_TYPE[params['type'] ?? ''];
    if (type === undefined) return sendJson(response, 400, { code: -1116, msg: 'Invalid orderType.' });
    if (this.book.byClientId(params['newClientOrderId'] ?? '', true) !== undefined) throw new FakeRejection('duplicate');
    const order = this.book.place({
      clientOrderId: params['newClientOrderId'] ?? `fake-${this.requests.length}`,
      symbol: this.requireSymbol(params['symbol']),
      side: params['side'] === 'SELL' ? 'sell' : 'buy',
      type,
      quantity: Number(params['quantity']),
      ...(params['price'] === undefined ? {} : { limitPrice: Number(params['price']) }),
      ...(params['stopPrice'] === undefined ? {} : { stopPrice: Number(params['stopPrice']) }),
      timeInForce: params['timeInForce'] ?? 'GTC',
    });
    if (this.dropOrderResponses > 0) {
      this.dropOrderResponses--;
      response.socket?.destroy();
      return;
    }
    sendJson(response, 200, { ...this.orderJson(order), transactTime: order.createdAt, fills: [] });
  }

  private cancelReplace(params: Record<string, string>, response: ServerResponse): void {
    const old = params['cancelOrderId'] !== undefined ? this.book.require(params['cancelOrderId']) : this.book.byClientId(params['cancelOrigClientOrderId'] ?? '', true);
    if (old === undefined || !this.book.isOpen(old)) throw new FakeRejection('unknown-order');
    const replacement = this.book.replace(old.venueId, {
      quantity: Number(params['quantity']),
      ...(params['price'] === undefined ? {} : { limitPrice: Number(params['price']) }),
      ...(params['stopPrice'] === undefined ? {} : { stopPrice: Number(params['stopPrice']) }),
      ...(params['newClientOrderId'] === undefined ? {} : { clientOrderId: params['newClientOrderId'] }),
    });
    sendJson(response, 200, { cancelResult: 'SUCCESS', newOrderResult: 'SUCCESS', cancelResponse: this.orderJson(old), newOrderResponse: this.orderJson(replacement) });
  }

  private findOrder(params: Record<string, string>): FakeOrder {
    const order = params['orderId'] !== undefined ? this.book.orders.get(params['orderId']) : this.book.byClientId(params['origClientOrderId'] ?? '');
    if (order === undefined || order.symbol !== params['symbol']) throw new FakeRejection('unknown-order');
    return order;
  }

  private requireSymbol(symbol: string | undefined): string {
    if (symbol === undefined || !MARKETS.has(symbol)) throw new FakeRejection('bad-symbol');
    return symbol;
  }

  private signatureMatches(payload: string, signature: string | undefined): boolean {
    if (signature === undefined) return false;
    const expected = Buffer.from(createHmac('sha256', this.secret).update(payload).digest('hex'));
    const received = Buffer.from(signature);
    return expected.length === received.length && timingSafeEqual(expected, received);
  }

  private orderJson(order: FakeOrder): Record<string, unknown> {
    return {
      symbol: order.symbol,
      orderId: Number(order.venueId),
      orderListId: -1,
      clientOrderId: order.clientOrderId,
      price: String(order.limitPrice ?? 0),
      origQty: String(order.quantity),
      executedQty: String(order.filled),
      cummulativeQuoteQty: String(order.notional),
      status: STATUS[order.status],
      timeInForce: order.timeInForce,
      type: TYPE_TO_WIRE[order.type],
      side: order.side.toUpperCase(),
      stopPrice: String(order.stopPrice ?? 0),
      icebergQty: '0',
      time: order.createdAt,
      updateTime: order.updatedAt,
      isWorking: this.book.isOpen(order),
      workingTime: order.createdAt,
      origQuoteOrderQty: '0',
      selfTradePreventionMode: 'EXPIRE_MAKER',
    };
  }
}
