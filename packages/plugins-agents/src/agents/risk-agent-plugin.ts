import { definePlugin, PLUGIN_API_VERSION, TOKENS } from '@grandmodel/framework';
import { RISK_CONTRACT } from '../inference/index.js';
import { loadRunner, resolveOutput, agentLifecycle } from './agent-wiring.js';
import { optionalService } from './optional-service.js';
import { RiskAgent, type RiskAgentMarket } from './risk-agent.js';
import { riskAgentOptions } from './risk-agent-options.js';

/** Plugin id of the risk agent. */
export const RISK_AGENT_ID = 'risk-marl';

/**
 * The GrandModel risk agent: sizes or vetoes each trade proposal of its source agent from the 10-dim risk state with
 * the risk model (MC-dropout), and submits the entry with its bracket and Kelly metadata through the risk chain.
 * @example
 * agents: [..., { use: tactical-marl, id: tactical }, { use: risk-marl, id: risk, options: { source: tactical } }]
 * risk: [{ use: kelly, options: { source: metadata, sizing: cap } }, { use: drawdown }]
 */
export const riskAgentPlugin = definePlugin({
  manifest: { id: RISK_AGENT_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'GrandModel risk agent: sizes or vetoes proposals from the risk state and submits them' },
  options: riskAgentOptions,
  create: async (ctx) => {
    const { options } = ctx;
    const atr = resolveOutput(ctx, 'atr', options.atr, options.atrOutput);
    const runner = await loadRunner(ctx, RISK_CONTRACT, options.model, options.mcDropoutSamples, options.timeoutMs, 1);
    const market: RiskAgentMarket = {
      orders: ctx.resolve(TOKENS.orders),
      portfolio: ctx.resolve(TOKENS.portfolio),
      instruments: ctx.resolve(TOKENS.instruments),
      killSwitch: optionalService(ctx, TOKENS.killSwitch),
    };
    const agent = new RiskAgent(options, runner, atr, market, { instanceId: ctx.instanceId, bus: ctx.bus, clock: ctx.clock, killSwitch: market.killSwitch });
    return Object.assign(agent, agentLifecycle(ctx, RISK_AGENT_ID, () => agent.stats(), [runner]));
  },
});
