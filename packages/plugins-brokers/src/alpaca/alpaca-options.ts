import { z } from 'zod';
import { resilienceOptions } from '../core/resilience-options.js';

const url = (what: string) => z.url({ message: `expected an http(s) or ws(s) URL for ${what}` });

/** Credentials and host overrides shared by the Alpaca broker and data source. */
const connection = {
  keyId: z.string().min(1, 'expected an API key id; write ${ENV_VAR} in config').describe('API key id; write ${ENV_VAR} in config, never the key itself'),
  secretKey: z.string().min(1, 'expected an API secret key; write ${ENV_VAR} in config').describe('API secret key; write ${ENV_VAR} in config'),
  dataBaseUrl: url('dataBaseUrl').optional().describe('Market-data REST root (default https://data.alpaca.markets); for proxies and local fakes'),
  timeoutMs: z.number().int().positive().default(10_000).describe('Timeout of one REST request, in milliseconds'),
  clientRateLimit: z.boolean().default(true).describe("Pace requests on the client at Alpaca's ~200 per minute"),
};

/** Options of the `alpaca` broker. */
export const alpacaBrokerOptions = z
  .strictObject({
    ...connection,
    paper: z.boolean().default(true).describe('Trade the paper account (default); set false only for live trading'),
    baseUrl: url('baseUrl').optional().describe('Trading REST root (default: the paper or live host); for proxies and local fakes'),
    streamUrl: url('streamUrl').optional().describe('Trading-updates stream URL (default: the paper or live stream)'),
    clientOrderIdPrefix: z.string().regex(/^[A-Za-z0-9_.-]*$/, 'expected letters, digits, ".", "_" or "-"').default('').describe('Prefix added to client order ids sent to Alpaca (ids must be unique forever there)'),
    resilience: resilienceOptions.prefault({}),
  })
  .describe('Alpaca broker (stocks and crypto): REST orders, trade-updates stream, reconciliation');

/** Options of the `alpaca-data` data source. */
export const alpacaDataOptions = z
  .strictObject({
    ...connection,
    symbols: z.array(z.string().min(1)).min(1, 'expected at least one symbol such as AAPL or BTC/USD').describe('Stocks (AAPL) or crypto pairs (BTC/USD); one kind per source'),
    timeframe: z
      .string()
      .regex(/^\d+(m|h|d)$/, 'expected a timeframe such as 1m, 15m, 1h or 1d')
      .default('1m')
      .describe('Bar timeframe (live streaming needs 1m: Alpaca streams minute bars)'),
    live: z.boolean().default(false).describe('After the history, follow minute bars live over the market-data stream'),
    feed: z.enum(['iex', 'sip', 'delayed_sip']).default('iex').describe('Stock data feed (iex is free; sip needs a subscription)'),
    streamUrl: url('streamUrl').optional().describe('Market-data stream URL (default: derived from the feed or crypto)'),
    pageSize: z.number().int().positive().max(10_000).default(1_000).describe('Bars per historical request'),
  })
  .refine((options) => !options.live || options.timeframe === '1m', { message: 'live Alpaca data is minute bars: use timeframe 1m (build longer bars with `bars:`)', path: ['timeframe'] })
  .refine((options) => options.symbols.every((symbol) => symbol.includes('/')) || options.symbols.every((symbol) => !symbol.includes('/')), {
    message: 'mix of stocks and crypto pairs: use one alpaca-data source per kind',
    path: ['symbols'],
  })
  .describe('Bars from Alpaca: paginated history and live minute bars');

/** Parsed `alpaca` broker options. */
export type AlpacaBrokerOptions = z.output<typeof alpacaBrokerOptions>;
/** Parsed `alpaca-data` options. */
export type AlpacaDataOptions = z.output<typeof alpacaDataOptions>;
