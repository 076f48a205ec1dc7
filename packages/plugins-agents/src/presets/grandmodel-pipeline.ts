import type { ComponentEntryInput } from '@grandmodel/framework';
import { regimeMatrixPlugin, strategicMatrixPlugin, tacticalMatrixPlugin } from '../assemblers/assembler-plugins.js';
import { coordinatorPlugin, indicatorSignalPlugin } from '../agents/coordination-plugins.js';
import { riskAgentPlugin } from '../agents/risk-agent-plugin.js';
import { strategicAgentPlugin } from '../agents/strategic-agent-plugin.js';
import { tacticalAgentPlugin } from '../agents/tactical-agent-plugin.js';
import { synergyDetectorPlugin } from '../synergy/synergy-detector-plugin.js';
import { pipelineStatsPlugin } from './pipeline-stats-plugin.js';

/** Every pipeline plugin of this package: assemblers, synergy detector, strategic/tactical/risk agents, coordinator, indicator-signal, pipeline-stats. */
export const pipelinePlugins = [
  strategicMatrixPlugin,
  tacticalMatrixPlugin,
  regimeMatrixPlugin,
  synergyDetectorPlugin,
  strategicAgentPlugin,
  tacticalAgentPlugin,
  riskAgentPlugin,
  coordinatorPlugin,
  indicatorSignalPlugin,
  pipelineStatsPlugin,
] as const;

/** Choices of `grandmodelPipeline`. */
export interface GrandModelPipelineSettings {
  /** Instrument tick (LVN price grid). */
  readonly tickSize: number;
  /** Timeframe of MLMI, NW-RQK, LVN, MMD and the strategic matrix (default 30m). */
  readonly strategicTimeframe?: string;
  /** Timeframe of FVG, ATR, the tactical matrix and the entries (default 5m; 30m on 30-minute data only). */
  readonly tacticalTimeframe?: string;
  /** Also assemble the 96×16 regime matrix (nothing in the Gen-2 pipeline reads it; default false). */
  readonly regimeMatrix?: boolean;
  /** Extra options per agent, merged over the defaults (e.g. `{ strategic: { models: { gating: ./g.onnx } } }`). */
  readonly options?: Partial<Record<'detector' | 'strategic' | 'tactical' | 'risk', Record<string, unknown>>>;
  /** Extra options per indicator plugin id, merged over the defaults (e.g. `{ mlmi: { signalVariant: engine } }`). */
  readonly indicatorOptions?: Partial<Record<'mlmi' | 'nw-rqk' | 'lvn' | 'mmd' | 'aux-30m' | 'fvg' | 'atr-gm' | 'strategic-matrix' | 'tactical-matrix' | 'regime-matrix', Record<string, unknown>>>;
}

/**
 * The GrandModel pipeline as config sections, in the order that makes it work: indicators before the assemblers
 * that read them, then synergy-detector → strategic (id `strategic`) → tactical (id `tactical`) → risk (id `risk`).
 * Spread the result into a config next to `data`, `instruments`, `risk` (models) and `broker`.
 */
export function grandmodelPipeline(settings: GrandModelPipelineSettings): { bars: string[]; indicators: ComponentEntryInput[]; agents: ComponentEntryInput[] } {
  const strategic = settings.strategicTimeframe ?? '30m';
  const tactical = settings.tacticalTimeframe ?? '5m';
  const extra = settings.options ?? {};
  const own = settings.indicatorOptions ?? {};
  const entry = (use: keyof NonNullable<GrandModelPipelineSettings['indicatorOptions']>, options: Record<string, unknown>): ComponentEntryInput => ({ use, options: { ...options, ...own[use] } });
  const indicators: ComponentEntryInput[] = [
    entry('mlmi', { timeframe: strategic }),
    entry('nw-rqk', { timeframe: strategic }),
    entry('lvn', { timeframe: strategic, tickSize: settings.tickSize }),
    entry('mmd', { timeframe: strategic }),
    entry('aux-30m', { timeframe: strategic }),
    entry('fvg', { timeframe: tactical }),
    entry('atr-gm', { timeframe: tactical }),
    entry('strategic-matrix', { timeframe: strategic }),
    entry('tactical-matrix', { timeframe: tactical }),
    ...(settings.regimeMatrix === true ? [entry('regime-matrix', { timeframe: strategic })] : []),
  ];
  const agents: ComponentEntryInput[] = [
    { use: 'synergy-detector', options: { strategicTimeframe: strategic, tacticalTimeframe: tactical, sources: { auxiliary: 'aux-30m', lvn: 'lvn' }, ...extra.detector } },
    { use: 'strategic-marl', id: 'strategic', options: { timeframe: strategic, ...extra.strategic } },
    { use: 'tactical-marl', id: 'tactical', options: { timeframe: tactical, strategic: 'strategic', ...extra.tactical } },
    { use: 'risk-marl', id: 'risk', options: { timeframe: tactical, source: 'tactical', ...extra.risk } },
  ];
  const bars = strategic === tactical ? [] : [tactical, strategic];
  return { bars, indicators, agents };
}
