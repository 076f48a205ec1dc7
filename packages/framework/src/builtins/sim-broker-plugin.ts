import { TOKENS } from '../di/tokens.js';
import { SimulatedVenue } from '../execution/simulated-venue.js';
import { simulatedVenueOptions } from '../execution/simulated-venue-options.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { PLUGIN_API_VERSION } from '../plugin/manifest.js';

/**
 * Built-in simulated broker: fills against bars with the documented fill model (docs/concepts/execution.md).
 * @example
 * broker: { use: sim, options: { fees: { perContract: 2.5 }, slippage: { ticks: 1 } } }
 */
export const simBrokerPlugin = definePlugin({
  manifest: {
    id: 'sim',
    kind: 'broker',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Simulated venue: next-open fills, bar-path stops and limits, fees, slippage, latency, participation',
    capabilities: { market: true, limit: true, stop: true, stopLimit: true, bracket: true, cancel: true, modify: true, fetchOpenOrders: true, orderStream: true, shortSelling: true },
  },
  options: simulatedVenueOptions,
  create: (ctx) => {
    const instruments = ctx.resolve(TOKENS.instruments);
    return new SimulatedVenue(ctx.options, { clock: ctx.clock, instruments: (symbol) => instruments.get(symbol) });
  },
});
