import { TOKENS } from '../di/tokens.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { PLUGIN_API_VERSION } from '../plugin/manifest.js';
import { LimitsRiskModel, limitsOptions } from '../risk/limits-risk-model.js';

/**
 * Built-in pre-trade limits: order quantity and notional, position, gross leverage, order rate, price band.
 * @example
 * risk: [{ use: limits, options: { maxPosition: 5, maxGrossLeverage: 3, maxOrdersPerMinute: 30 } }]
 */
export const limitsPlugin = definePlugin({
  manifest: { id: 'limits', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Pre-trade limits: size, notional, position, leverage, rate, price band' },
  options: limitsOptions,
  create: (ctx) => new LimitsRiskModel(ctx.options, ctx.resolve(TOKENS.instruments)),
});
