import { Agent } from 'node:http';
import * as ccxt from 'ccxt';
import { BrokerError } from '@grandmodel/framework';
import type { CcxtConnectionOptions } from './ccxt-options.js';

/** A ccxt exchange with the websocket (pro) methods. */
export type CcxtExchange = InstanceType<(typeof ccxt.pro)['binance']>;

/** Creates the ccxt pro client of an exchange, with credentials, market type, sandbox and URL overrides applied. */
export function createCcxtExchange(options: CcxtConnectionOptions): CcxtExchange {
  const constructors = ccxt.pro as unknown as Record<string, (new (config: Record<string, unknown>) => CcxtExchange) | undefined>;
  const Exchange = constructors[options.exchange];
  if (typeof Exchange !== 'function') {
    throw new BrokerError('GM_BROKER_NOT_SUPPORTED', `ccxt: exchange "${options.exchange}" is not supported with websockets by ccxt ${ccxt.version}`, {
      venue: options.exchange,
      retryable: false,
    });
  }
  const exchange = new Exchange({
    enableRateLimit: options.enableRateLimit,
    timeout: options.timeoutMs,
    options: { defaultType: options.market, warnOnFetchOpenOrdersWithoutSymbol: false, ...options.exchangeOptions },
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  // Sandbox mode swaps in the testnet URL table, so explicit overrides are merged after it
  if (options.sandbox) exchange.setSandboxMode(true);
  if (options.urls !== undefined) exchange.urls = exchange.deepExtend(exchange.urls, options.urls);
  // ccxt opens plain ws:// streams (local gateways, fakes) only through an explicit HTTP agent
  if (JSON.stringify(options.urls ?? {}).includes('"ws://')) (exchange as unknown as { httpAgent: Agent }).httpAgent = new Agent({ keepAlive: true });
  guardStreamFutures(exchange);
  return exchange;
}

const FAILED_LOAD = Symbol('grandmodel.marketsFailed');

/** Loads markets; after a failed load it reloads (ccxt otherwise keeps returning the first, failed attempt). */
export async function loadMarketsAgain(exchange: CcxtExchange): Promise<void> {
  const state = exchange as unknown as { [FAILED_LOAD]?: boolean };
  try {
    await exchange.loadMarkets(state[FAILED_LOAD] === true);
    state[FAILED_LOAD] = false;
  } catch (error) {
    state[FAILED_LOAD] = true;
    throw error;
  }
}

interface WsClientLike {
  future(messageHash: string): Promise<unknown>;
  connected?: Promise<unknown>;
}

const GUARDED = Symbol('grandmodel.guarded');

/**
 * ccxt creates some websocket promises nobody awaits (e.g. one set up for concurrent subscribers) and rejects
 * them when a connection fails; unhandled, such a rejection would end the process. Every future of every client
 * gets a no-op handler; code that awaits them still receives the error.
 */
function guardStreamFutures(exchange: CcxtExchange): void {
  const target = exchange as unknown as { client(url: string): WsClientLike };
  const original = target.client.bind(exchange);
  target.client = (url: string): WsClientLike => {
    const client = original(url) as WsClientLike & { [GUARDED]?: boolean };
    if (client[GUARDED] !== true) {
      client[GUARDED] = true;
      const future = client.future.bind(client);
      client.future = (messageHash: string) => {
        const created = future(messageHash);
        created.catch(() => undefined);
        return created;
      };
      client.connected?.catch(() => undefined);
    }
    return client;
  };
}
