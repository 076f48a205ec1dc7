import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { riskServicesFrom } from '../shared/risk-services.js';
import { stressOptions } from './stress-options.js';
import { StressRiskModel } from './stress-risk-model.js';

/**
 * Stress scenarios on the current positions (configured shocks and each instrument's worst historical move),
 * with a loss limit as a fraction of equity and a pre-trade check.
 * @example
 * risk: [{ use: stress, options: { scenarios: [{ name: crash, shocks: { NQ: -0.2 }, uniform: -0.1 }], limit: 0.15 } }]
 */
export const stressPlugin = definePlugin({
  manifest: { id: 'stress', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Stress scenario losses with a limit and a pre-trade check' },
  options: stressOptions,
  create: (ctx) => new StressRiskModel(ctx.options, riskServicesFrom(ctx)),
});
