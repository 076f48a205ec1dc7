import { definePlugin, PLUGIN_API_VERSION, TOKENS } from '@grandmodel/framework';
import { GATING_CONTRACT, STRATEGIC_MLMI_CONTRACT, STRATEGIC_NWRQK_CONTRACT, STRATEGIC_REGIME_CONTRACT } from '../inference/index.js';
import { StrategicMatrixAssembler } from '../assemblers/strategic-matrix-assembler.js';
import { loadRunner, resolveAssembler, agentLifecycle } from './agent-wiring.js';
import { optionalService } from './optional-service.js';
import { StrategicAgent } from './strategic-agent.js';
import { strategicAgentOptions } from './strategic-agent-options.js';

/** Plugin id of the strategic agent. */
export const STRATEGIC_AGENT_ID = 'strategic-marl';

/**
 * The strategic MARL system: MLMI, NW-RQK and Regime actors over the 48×13 matrix, the gating network, and the
 * ensemble with its 0.65 confidence gate; publishes `decision.made` on each synergy. Models default to the shipped
 * ones (`models/strategic-*.onnx`); `options.models` overrides them.
 * @example
 * agents: [{ use: synergy-detector }, { use: strategic-marl, id: strategic, options: { threshold: 0.65 } }]
 */
export const strategicAgentPlugin = definePlugin({
  manifest: { id: STRATEGIC_AGENT_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'GrandModel strategic MARL: three actors, gating network, 30-minute decisions' },
  options: strategicAgentOptions,
  create: async (ctx) => {
    const { options } = ctx;
    const matrix = resolveAssembler(ctx, 'matrix', options.matrix, StrategicMatrixAssembler, 'strategic-matrix');
    const [mlmi, nwrqk, regime, gating] = await Promise.all([
      loadRunner(ctx, STRATEGIC_MLMI_CONTRACT, options.models.mlmi, options.mcDropoutSamples, options.timeoutMs, 1),
      loadRunner(ctx, STRATEGIC_NWRQK_CONTRACT, options.models.nwrqk, options.mcDropoutSamples, options.timeoutMs, 2),
      loadRunner(ctx, STRATEGIC_REGIME_CONTRACT, options.models.regime, options.mcDropoutSamples, options.timeoutMs, 3),
      loadRunner(ctx, GATING_CONTRACT, options.models.gating, 0, options.timeoutMs, 4),
    ]);
    const agent = new StrategicAgent(options, matrix, { mlmi, nwrqk, regime, gating }, {
      instanceId: ctx.instanceId,
      bus: ctx.bus,
      clock: ctx.clock,
      killSwitch: optionalService<{ readonly engaged: boolean }>(ctx, TOKENS.killSwitch),
    });
    return Object.assign(agent, agentLifecycle(ctx, STRATEGIC_AGENT_ID, () => agent.stats(), [mlmi, nwrqk, regime, gating]));
  },
});
