import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { riskServicesFrom } from '../shared/risk-services.js';
import { correlationOptions } from './correlation-options.js';
import { CorrelationRiskModel } from './correlation-risk-model.js';

/**
 * EWMA correlation (λ = 0.94) and the correlation-shock rule: a shock halves the allowed gross leverage
 * until an operator calls `reset()` on the component.
 * @example
 * risk: [{ use: correlation, options: { window: 2h, maxLeverage: 3 } }]
 */
export const correlationPlugin = definePlugin({
  manifest: { id: 'correlation', kind: 'risk-model', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'EWMA correlation shock detection with a leverage limit' },
  options: correlationOptions,
  create: (ctx) => new CorrelationRiskModel(ctx.options, riskServicesFrom(ctx)),
});
