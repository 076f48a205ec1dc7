import { definePlugin, PLUGIN_API_VERSION, TOKENS } from '@grandmodel/framework';
import { TACTICAL_ENTRY_CONTRACT, TACTICAL_FVG_CONTRACT, TACTICAL_MOMENTUM_CONTRACT } from '../inference/index.js';
import { TacticalMatrixAssembler } from '../assemblers/tactical-matrix-assembler.js';
import { loadRunner, resolveAssembler, resolveOutput, agentLifecycle } from './agent-wiring.js';
import { optionalService } from './optional-service.js';
import { TacticalAgent } from './tactical-agent.js';
import { tacticalAgentOptions } from './tactical-agent-options.js';

/** Plugin id of the tactical agent. */
export const TACTICAL_AGENT_ID = 'tactical-marl';

/**
 * The tactical MARL system: FVG, Momentum and Entry actors over the 60×7 matrix, the weighted vote by synergy type
 * (0.65), the counter-synergy veto (0.95) and an ATR bracket (2×/3×); publishes `decision.made` for the risk stage.
 * @example
 * agents: [..., { use: strategic-marl, id: strategic }, { use: tactical-marl, id: tactical, options: { strategic: strategic } }]
 */
export const tacticalAgentPlugin = definePlugin({
  manifest: { id: TACTICAL_AGENT_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'GrandModel tactical MARL: three actors, weighted vote, 5-minute entries with ATR brackets' },
  options: tacticalAgentOptions,
  create: async (ctx) => {
    const { options } = ctx;
    const matrix = resolveAssembler(ctx, 'matrix', options.matrix, TacticalMatrixAssembler, 'tactical-matrix');
    const atr = resolveOutput(ctx, 'atr', options.atr, options.atrOutput);
    const [fvg, momentum, entry] = await Promise.all([
      loadRunner(ctx, TACTICAL_FVG_CONTRACT, options.models.fvg, options.mcDropoutSamples, options.timeoutMs, 1),
      loadRunner(ctx, TACTICAL_MOMENTUM_CONTRACT, options.models.momentum, options.mcDropoutSamples, options.timeoutMs, 2),
      loadRunner(ctx, TACTICAL_ENTRY_CONTRACT, options.models.entry, options.mcDropoutSamples, options.timeoutMs, 3),
    ]);
    const agent = new TacticalAgent(options, matrix, { fvg, momentum, entry }, atr, {
      instanceId: ctx.instanceId,
      bus: ctx.bus,
      clock: ctx.clock,
      killSwitch: optionalService<{ readonly engaged: boolean }>(ctx, TOKENS.killSwitch),
    });
    return Object.assign(agent, agentLifecycle(ctx, TACTICAL_AGENT_ID, () => agent.stats(), [fvg, momentum, entry]));
  },
});
