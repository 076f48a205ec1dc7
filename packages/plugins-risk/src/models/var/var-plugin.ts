import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { riskServicesFrom } from '../shared/risk-services.js';
import { varOptions } from './var-options.js';
import { VarRiskModel } from './var-risk-model.js';

/**
 * Portfolio VaR and expected shortfall (historical, parametric or Monte Carlo) with breach limits
 * (defaults: 2 % at 95 %, 5 % at 99 %) and an optional pre-trade check.
 * @example
 * risk: [{ use: var, options: { method: monte-carlo, limits: [{ confidence: 0.99, limit: 0.05 }], action: halt } }]
 */
export const varPlugin = definePlugin({
  manifest: { id: 'var', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Portfolio VaR and expected shortfall limits' },
  options: varOptions,
  // Monte Carlo draws come from the component's own seeded stream, so runs reproduce
  create: (ctx) => new VarRiskModel(ctx.options, riskServicesFrom(ctx), ctx.random),
});
