import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { riskServicesFrom } from '../shared/risk-services.js';
import { kellyOptions } from './kelly-options.js';
import { KellyRiskModel } from './kelly-risk-model.js';

/**
 * Kelly position sizing: resizes entries to clip(multiplier · f*, ±maxFraction) of equity, with p and b from
 * the intent's metadata or the run's closed trades; denies entries without edge.
 * @example
 * risk: [{ use: kelly, options: { multiplier: 0.5, maxFraction: 0.25, minTrades: 30 } }]
 */
export const kellyPlugin = definePlugin({
  manifest: { id: 'kelly', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Kelly position sizing from win probability and payoff ratio' },
  options: kellyOptions,
  create: (ctx) => new KellyRiskModel(ctx.options, riskServicesFrom(ctx)),
});
