import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { backoffOptions } from '../core/backoff.js';
import { ccxtBrokerOptions, ccxtDataOptions } from './ccxt-options.js';

// Definitions stay free of the ccxt SDK: it loads only when a component is created

/**
 * Broker for any ccxt exchange. Capabilities come from the exchange's ccxt `has` map at run time.
 * @example
 * broker: { use: ccxt, options: { exchange: binance, apiKey: ${BINANCE_KEY}, secret: ${BINANCE_SECRET}, sandbox: true, symbols: [BTC/USDT] } }
 */
export const ccxtBrokerPlugin = definePlugin({
  manifest: {
    id: 'ccxt',
    kind: 'broker',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Any ccxt exchange: REST orders with client ids, websocket order stream, reconnect and reconciliation',
    capabilities: { market: true, limit: true, stop: true, stopLimit: true, bracket: false, cancel: true, modify: true, fetchAccount: true, fetchPositions: 'emulated', fetchOpenOrders: true, orderStream: true, shortSelling: false },
  },
  options: ccxtBrokerOptions,
  create: async (ctx) => {
    const { createCcxtBroker } = await import('./ccxt-broker.js');
    return createCcxtBroker(ctx.options, { clock: ctx.clock, logger: ctx.logger, random: ctx.random });
  },
});

/**
 * Bars from any ccxt exchange: paginated history, then live closed candles over the websocket.
 * @example
 * data: { use: ccxt-data, options: { exchange: binance, symbols: [BTC/USDT], timeframe: 1m, live: true } }
 */
export const ccxtDataPlugin = definePlugin({
  manifest: {
    id: 'ccxt-data',
    kind: 'data-source',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Bars from any ccxt exchange: paginated history and live websocket candles',
    capabilities: { history: true, live: true, bars: true, ticks: false },
  },
  options: ccxtDataOptions,
  create: async (ctx) => {
    const [{ CcxtDataSource }, { realScheduler }] = await Promise.all([import('./ccxt-data-source.js'), import('../core/scheduler.js')]);
    return new CcxtDataSource(ctx.options, { clock: ctx.clock, logger: ctx.logger, scheduler: realScheduler, backoff: backoffOptions.parse({}) });
  },
});
