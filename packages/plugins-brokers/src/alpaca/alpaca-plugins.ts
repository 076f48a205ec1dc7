import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { backoffOptions } from '../core/backoff.js';
import { alpacaBrokerOptions, alpacaDataOptions } from './alpaca-options.js';

// Definitions stay free of the Alpaca SDK: it loads only when a component is created

/**
 * Alpaca broker (stocks and crypto), paper account by default.
 * @example
 * broker: { use: alpaca, options: { keyId: ${APCA_API_KEY_ID}, secretKey: ${APCA_API_SECRET_KEY}, paper: true } }
 */
export const alpacaBrokerPlugin = definePlugin({
  manifest: {
    id: 'alpaca',
    kind: 'broker',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Alpaca stocks and crypto: REST orders with client ids, trade-updates stream, reconnect and reconciliation',
    capabilities: { market: true, limit: true, stop: true, stopLimit: true, bracket: false, cancel: true, modify: true, fetchAccount: true, fetchPositions: true, fetchOpenOrders: true, orderStream: true, shortSelling: true },
  },
  options: alpacaBrokerOptions,
  create: async (ctx) => {
    const { createAlpacaBroker } = await import('./alpaca-broker.js');
    return createAlpacaBroker(ctx.options, { clock: ctx.clock, logger: ctx.logger, random: ctx.random });
  },
});

/**
 * Bars from Alpaca: paginated history, then live minute bars.
 * @example
 * data: { use: alpaca-data, options: { keyId: ${APCA_API_KEY_ID}, secretKey: ${APCA_API_SECRET_KEY}, symbols: [AAPL], timeframe: 1m, live: true } }
 */
export const alpacaDataPlugin = definePlugin({
  manifest: {
    id: 'alpaca-data',
    kind: 'data-source',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Bars from Alpaca (stocks or crypto): paginated history and live minute bars',
    capabilities: { history: true, live: true, bars: true, ticks: false },
  },
  options: alpacaDataOptions,
  create: async (ctx) => {
    const [{ AlpacaDataSource }, { realScheduler }] = await Promise.all([import('./alpaca-data-source.js'), import('../core/scheduler.js')]);
    return new AlpacaDataSource(ctx.options, { clock: ctx.clock, logger: ctx.logger, scheduler: realScheduler, backoff: backoffOptions.parse({}) });
  },
});
