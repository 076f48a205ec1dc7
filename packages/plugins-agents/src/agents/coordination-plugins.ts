import { definePlugin, PLUGIN_API_VERSION, TOKENS } from '@grandmodel/framework';
import { resolveOutput, agentLifecycle } from './agent-wiring.js';
import { Coordinator } from './coordinator.js';
import { coordinatorOptions } from './coordinator-options.js';
import { IndicatorSignalAgent, indicatorSignalOptions } from './indicator-signal-agent.js';
import { optionalService } from './optional-service.js';

/** Plugin id of the coordinator. */
export const COORDINATOR_ID = 'coordinator';

/**
 * A generic coordinator ("CIO") over signal agents: weighted vote or accuracy gating, a per-bar barrier with a
 * timeout in paper/live mode; publishes `decision.made` for the next stage (e.g. risk-marl with `source: cio`).
 * @example
 * agents:
 *   - { use: indicator-signal, id: trend-desk, options: { indicator: macd, output: histogram } }
 *   - { use: indicator-signal, id: reversion-desk, options: { indicator: rsi, rule: band } }
 *   - { use: coordinator, id: cio, options: { sources: [{ id: trend-desk }, { id: reversion-desk }] } }
 */
export const coordinatorPlugin = definePlugin({
  manifest: { id: COORDINATOR_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Coordinator over signal agents: weighted vote or accuracy gating, per-bar barrier' },
  options: coordinatorOptions,
  create: (ctx) => {
    const coordinator = new Coordinator(ctx.options, { instanceId: ctx.instanceId, bus: ctx.bus, clock: ctx.clock, killSwitch: optionalService<{ readonly engaged: boolean }>(ctx, TOKENS.killSwitch) }, ctx.mode);
    return Object.assign(coordinator, agentLifecycle(ctx, COORDINATOR_ID, () => coordinator.stats()));
  },
});

/**
 * A signal agent over one indicator output (sign or band rule); the building block of multi-agent desks.
 * @example
 * agents: [{ use: indicator-signal, id: momentum-desk, options: { indicator: roc, rule: sign, scale: 0.5 } }]
 */
export const indicatorSignalPlugin = definePlugin({
  manifest: { id: 'indicator-signal', kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Signal agent: one indicator output to signal.emitted by a sign or band rule' },
  options: indicatorSignalOptions,
  create: (ctx) => {
    const { component, index } = resolveOutput(ctx, 'indicator', ctx.options.indicator, ctx.options.output);
    return new IndicatorSignalAgent(ctx.options, component, index, { instanceId: ctx.instanceId, bus: ctx.bus, clock: ctx.clock });
  },
});
