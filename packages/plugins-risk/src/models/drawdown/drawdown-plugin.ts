import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { riskServicesFrom } from '../shared/risk-services.js';
import { drawdownOptions } from './drawdown-options.js';
import { DrawdownRiskModel } from './drawdown-risk-model.js';

/**
 * Drawdown circuit breakers (defaults: 10 % → REDUCING, 15 % → HALTED, 20 % → kill switch with flattening)
 * and a daily loss limit (default 5 % → HALTED until the next session).
 * @example
 * risk: [{ use: drawdown, options: { dailyLossLimit: 0.03, sessionStart: '22:00' } }]
 */
export const drawdownPlugin = definePlugin({
  manifest: { id: 'drawdown', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Drawdown circuit breakers and a daily loss limit' },
  options: drawdownOptions,
  create: (ctx) => new DrawdownRiskModel(ctx.options, riskServicesFrom(ctx)),
});
