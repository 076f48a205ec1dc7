import { definePlugin, PLUGIN_API_VERSION, SdkError, TOKENS } from '@grandmodel/framework';
import { resolveIndicatorSource, type ResolvingContext } from '../assemblers/indicator-source.js';
import { agentLifecycle } from '../agents/agent-wiring.js';
import { optionalService } from '../agents/optional-service.js';
import { SynergyDetector, type SynergySources } from './synergy-detector.js';
import { synergyDetectorOptions, type SynergyDetectorOptions } from './synergy-detector-options.js';

/** Plugin id of the synergy detector (its custom events are `synergy-detector:<name>`). */
export const SYNERGY_DETECTOR_ID = 'synergy-detector';

/** Resolves and checks the indicator components a detector with `options` reads (also used by training). */
export function resolveSynergySources(ctx: ResolvingContext, options: SynergyDetectorOptions): SynergySources {
  const { sources, strategicTimeframe, tacticalTimeframe } = options;
  const signal = options.mlmi.signal === 'engine' ? 'mlmi_signal_engine' : 'mlmi_signal';
  const mlmi = resolveIndicatorSource(ctx, { option: 'sources.mlmi', id: sources.mlmi, timeframe: strategicTimeframe, outputs: ['mlmi_value', signal] });
  if (typeof (mlmi as { effectiveK?: unknown }).effectiveK !== 'number') {
    throw new SdkError('GM_CONFIG_INVALID', `"${ctx.instanceId}" option sources.mlmi: indicator "${sources.mlmi}" has no numeric effectiveK; use the mlmi plugin`);
  }
  return {
    mlmi: mlmi as SynergySources['mlmi'],
    nwrqk: resolveIndicatorSource(ctx, { option: 'sources.nwrqk', id: sources.nwrqk, timeframe: strategicTimeframe, outputs: ['nwrqk_slope', 'nwrqk_signal'] }),
    fvg: resolveIndicatorSource(ctx, {
      option: 'sources.fvg',
      id: sources.fvg,
      timeframe: tacticalTimeframe,
      outputs: ['fvg_mitigation_signal', 'fvg_bullish_mitigated', 'fvg_bullish_size', 'fvg_bullish_level', 'fvg_bearish_mitigated', 'fvg_bearish_size', 'fvg_bearish_level'],
    }),
    auxiliary: sources.auxiliary === undefined ? undefined : resolveIndicatorSource(ctx, { option: 'sources.auxiliary', id: sources.auxiliary, outputs: ['volatility_30'] }),
    lvn: sources.lvn === undefined ? undefined : resolveIndicatorSource(ctx, { option: 'sources.lvn', id: sources.lvn, outputs: ['lvn_nearest_price', 'lvn_nearest_strength', 'lvn_distance_points'] }),
  };
}

/**
 * The GrandModel synergy detector (Gate 1): MLMI → NW-RQK → FVG style sequences within 10 bars, one direction,
 * with a 5-bar cooldown; publishes `synergy.detected`. List it in `agents:` before the agents that react to it.
 * @example
 * agents: [{ use: synergy-detector, options: { windowBars: 10, cooldownBars: 5 } }]
 */
export const synergyDetectorPlugin = definePlugin({
  manifest: { id: SYNERGY_DETECTOR_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'GrandModel synergy detector: ordered MLMI / NW-RQK / FVG signal patterns' },
  options: synergyDetectorOptions,
  create: (ctx) => {
    const detector = new SynergyDetector(ctx.options, resolveSynergySources(ctx, ctx.options), {
      emit: (payload) => ctx.bus.emit('synergy.detected', payload),
      clock: ctx.clock,
      killSwitch: optionalService<{ readonly engaged: boolean }>(ctx, TOKENS.killSwitch),
    });
    return Object.assign(detector, agentLifecycle(ctx, SYNERGY_DETECTOR_ID, () => detector.stats()));
  },
});
