import { definePlugin, PLUGIN_API_VERSION, simulatedVenueOptions, TOKENS, type PortfolioView } from '@grandmodel/framework';
import { PaperBroker } from './paper-broker.js';

/**
 * Paper broker: the simulated venue (same options as `sim`) driven by a live data source, for `mode: paper`.
 * @example
 * mode: paper
 * data: { use: ccxt-data, options: { exchange: binance, symbols: [BTC/USDT], timeframe: 1m, live: true } }
 * broker: { use: paper, options: { fees: { takerBps: 10 } } }
 */
export const paperBrokerPlugin = definePlugin({
  manifest: {
    id: 'paper',
    kind: 'broker',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Paper trading: the simulated venue driven by a live feed (same options as sim)',
    capabilities: { market: true, limit: true, stop: true, stopLimit: true, bracket: true, cancel: true, modify: true, fetchOpenOrders: true, fetchPositions: true, fetchAccount: true, orderStream: true, shortSelling: true },
  },
  options: simulatedVenueOptions,
  create: (ctx) => {
    const instruments = ctx.resolve(TOKENS.instruments);
    let portfolio: PortfolioView | undefined;
    try {
      portfolio = ctx.resolve(TOKENS.portfolio);
    } catch {
      // Outside the engine there is no portfolio; fetchAccount then says it is not supported
      portfolio = undefined;
    }
    if (ctx.mode === 'backtest') ctx.logger.info('paper broker in a backtest: it behaves exactly like sim');
    return new PaperBroker(ctx.options, { clock: ctx.clock, instruments: (symbol) => instruments.get(symbol), ...(portfolio === undefined ? {} : { portfolio }) });
  },
});
