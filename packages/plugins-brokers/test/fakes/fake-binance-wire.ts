import type { FakeOrderBook } from './fake-order-book.js';

/** Spot markets of the fake: Binance id → assets. */
export const MARKETS = new Map([
  ['BTCUSDT', { base: 'BTC', quote: 'USDT' }],
  ['ETHUSDT', { base: 'ETH', quote: 'USDT' }],
]);

/** One kline the fake serves: start time and OHLCV. */
export interface FakeKline {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** GET /api/v3/account: balances with the amounts held by open orders locked. */
export function accountJson(book: FakeOrderBook, now: number): Record<string, unknown> {
  return {
    makerCommission: 10,
    takerCommission: 10,
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    updateTime: now,
    accountType: 'SPOT',
    balances: [...book.balances].map(([asset, free]) => {
      const locked = book.openOrders().reduce((sum, order) => {
        const market = MARKETS.get(order.symbol)!;
        if (order.side === 'buy' && market.quote === asset) return sum + (order.quantity - order.filled) * (order.limitPrice ?? 0);
        if (order.side === 'sell' && market.base === asset) return sum + order.quantity - order.filled;
        return sum;
      }, 0);
      return { asset, free: String(free - locked), locked: String(locked) };
    }),
    permissions: ['SPOT'],
  };
}

/** GET /api/v3/myTrades: the fake keeps cumulative figures per order, so one trade row carries them. */
export function tradesJson(book: FakeOrderBook, params: Record<string, string>): Record<string, unknown>[] {
  const order = book.orders.get(params['orderId'] ?? '');
  if (order === undefined) return [];
  // The fake keeps cumulative figures per order: one trade row carries them (the price is the average)
  if (order.filled === 0) return [];
  return [
    {
      symbol: order.symbol,
      id: Number(order.venueId) * 10,
      orderId: Number(order.venueId),
      orderListId: -1,
      price: String(order.notional / order.filled),
      qty: String(order.filled),
      quoteQty: String(order.notional),
      commission: String(order.fee),
      commissionAsset: MARKETS.get(order.symbol)!.quote,
      time: order.updatedAt,
      isBuyer: order.side === 'buy',
      isMaker: order.type === 'limit',
      isBestMatch: true,
    },
  ];
}

/** GET /api/v3/klines rows for the requested window. */
export function klineRows(klines: ReadonlyMap<string, readonly FakeKline[]>, params: Record<string, string>): unknown[][] {
  const rows = klines.get(params['symbol'] ?? '') ?? [];
  const from = params['startTime'] === undefined ? Number.NEGATIVE_INFINITY : Number(params['startTime']);
  const to = params['endTime'] === undefined ? Number.POSITIVE_INFINITY : Number(params['endTime']);
  const limit = Math.min(1000, Number(params['limit'] ?? 500));
  return rows
    .filter((kline) => kline.start >= from && kline.start <= to)
    .slice(0, limit)
    .map((kline) => [kline.start, String(kline.open), String(kline.high), String(kline.low), String(kline.close), String(kline.volume), kline.start + 59_999, '0', 1, '0', '0', '0']);
}

/** GET /api/v3/exchangeInfo for the fake's markets. */
export function exchangeInfo(now: number): Record<string, unknown> {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [],
    exchangeFilters: [],
    symbols: [...MARKETS].map(([symbol, market]) => ({
      symbol,
      status: 'TRADING',
      baseAsset: market.base,
      baseAssetPrecision: 8,
      quoteAsset: market.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
        { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
        { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  };
}
