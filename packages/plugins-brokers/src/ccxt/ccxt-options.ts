import { z } from 'zod';
import { resilienceOptions } from '../core/resilience-options.js';

const isTimeframe = (text: string): boolean => /^\d+(s|m|h|d)$/.test(text) && Number.parseInt(text, 10) > 0;

/** Connection options shared by the ccxt broker and data source. */
const connection = {
  exchange: z.string().regex(/^[a-z0-9]+$/, 'expected a ccxt exchange id such as "binance" or "kraken"').describe('ccxt exchange id, e.g. binance, kraken, bybit'),
  market: z.enum(['spot', 'swap', 'future']).default('spot').describe('Market type: spot, perpetual swaps or dated futures (where ccxt supports them for the exchange)'),
  sandbox: z.boolean().default(false).describe("Use the exchange's testnet (ccxt sandbox mode)"),
  urls: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Overrides merged into the ccxt `urls` (e.g. { api: { public: ..., private: ..., ws: {...} } }): testnets, proxies, local fakes'),
  exchangeOptions: z.record(z.string(), z.unknown()).default({}).describe('Passed to ccxt as the exchange `options`, e.g. { fetchMarkets: { types: [spot] } }'),
  enableRateLimit: z.boolean().default(true).describe("Let ccxt pace requests to the exchange's documented rate limit"),
  timeoutMs: z.number().int().positive().default(10_000).describe('Timeout of one REST request, in milliseconds'),
};

/** Options of the `ccxt` broker. */
export const ccxtBrokerOptions = z
  .strictObject({
    ...connection,
    apiKey: z.string().min(1, 'expected an API key; write ${ENV_VAR} in config').describe('API key; write ${ENV_VAR} in config, never the key itself'),
    secret: z.string().min(1, 'expected an API secret; write ${ENV_VAR} in config').describe('API secret; write ${ENV_VAR} in config'),
    password: z.string().optional().describe('API passphrase, for exchanges that need one (e.g. okx); write ${ENV_VAR}'),
    currency: z.string().default('USDT').describe('Account currency: cash and equity are reported in it'),
    symbols: z.array(z.string()).default([]).describe('Symbols traded (e.g. [BTC/USDT]); on spot their base-asset holdings are reported as positions'),
    clientOrderIdPrefix: z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected letters, digits, "_" or "-"').default('').describe('Prefix added to client order ids sent to the exchange (make ids unique across runs)'),
    fetchFees: z.boolean().default(true).describe("Read each filled order's trades to report exact fees (one extra request per fill)"),
    resilience: resilienceOptions.prefault({}),
  })
  .describe('Broker for any ccxt exchange: REST orders, websocket order stream, reconciliation');

/** Options of the `ccxt-data` data source. */
export const ccxtDataOptions = z
  .strictObject({
    ...connection,
    apiKey: z.string().optional().describe('API key, only if the exchange requires one for market data; write ${ENV_VAR}'),
    secret: z.string().optional().describe('API secret, with apiKey; write ${ENV_VAR}'),
    symbols: z.array(z.string().min(1)).min(1, 'expected at least one symbol such as BTC/USDT').describe('Symbols to read, in ccxt unified form (BTC/USDT)'),
    timeframe: z.string().refine(isTimeframe, 'expected a timeframe such as 1m, 5m, 1h or 1d').default('1m').describe('Bar timeframe'),
    live: z.boolean().default(false).describe('After the history (from `from`, if given), follow closed bars live over the websocket'),
    pageSize: z.number().int().positive().max(5_000).default(1_000).describe('Bars per historical request'),
  })
  .describe('Bars from any ccxt exchange: paginated history and live websocket candles');

/** Parsed `ccxt` broker options. */
export type CcxtBrokerOptions = z.output<typeof ccxtBrokerOptions>;
/** Parsed `ccxt-data` options. */
export type CcxtDataOptions = z.output<typeof ccxtDataOptions>;
/** The connection part of the options. */
export type CcxtConnectionOptions = Pick<CcxtBrokerOptions, keyof typeof connection> & { apiKey?: string; secret?: string; password?: string };
