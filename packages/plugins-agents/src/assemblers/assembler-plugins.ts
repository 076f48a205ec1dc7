import { definePlugin, PLUGIN_API_VERSION } from '@grandmodel/framework';
import { SdkError } from '@grandmodel/framework';
import type { IndicatorComponent } from '@grandmodel/framework';
import { AUXILIARY_OUTPUTS, MAXIMUM_MEAN_DISCREPANCY_OUTPUTS } from './grandmodel-indicators.js';
import type { StrategicMatrixSources } from './grandmodel-indicators.js';
import { expectOutputsAt, resolveIndicatorSource, type ResolvingContext, type SourceRequest } from './indicator-source.js';
import { RegimeMatrixAssembler, REGIME_AUXILIARY_OUTPUTS, regimeMatrixOptions } from './regime-matrix-assembler.js';
import { StrategicMatrixAssembler, strategicMatrixOptions } from './strategic-matrix-assembler.js';
import { TACTICAL_FVG_OUTPUTS, TacticalMatrixAssembler, tacticalMatrixOptions } from './tactical-matrix-assembler.js';

const VERSION = '0.1.0';

/** Output positions `StrategicMatrixRow` reads from each source (it indexes `values` directly). */
const ROW_SOURCE_LAYOUT = {
  mlmi: { positions: { 8: 'mlmi_value', 9: 'mlmi_signal' }, label: 'MLMI indicator (plugin mlmi)' },
  nwrqk: { positions: { 0: 'nwrqk_yhat1', 2: 'nwrqk_slope' }, label: 'NW-RQK indicator (plugin nw-rqk)' },
  lvn: { positions: { 1: 'lvn_distance_points', 8: 'lvn_nearest_strength' }, label: 'LVN indicator (plugin lvn)' },
  mmd: { positions: Object.fromEntries(MAXIMUM_MEAN_DISCREPANCY_OUTPUTS.map((name, index) => [index, name])), label: 'MMD indicator (plugin mmd)' },
  auxiliary: { positions: Object.fromEntries(AUXILIARY_OUTPUTS.map((name, index) => [index, name])), label: 'auxiliary 30-minute indicator (plugin aux-30m)' },
} as const;

/** Resolves a source and checks the output layout a row reader depends on (it reads `latestValues` by position). */
function layoutSource(context: ResolvingContext, request: SourceRequest, role: keyof typeof ROW_SOURCE_LAYOUT): IndicatorComponent {
  const component = resolveIndicatorSource(context, request);
  const layout = ROW_SOURCE_LAYOUT[role];
  expectOutputsAt(context, request, component, layout.positions, layout.label);
  if (!((component as { latestValues?: unknown }).latestValues instanceof Float64Array)) {
    throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${request.option}: indicator "${request.id}" has no latestValues; use the ${layout.label}`);
  }
  return component;
}

/** The MLMI source must expose its effective k (the matrix scales mlmi_value by it). */
function mlmiSource(context: ResolvingContext, request: SourceRequest): IndicatorComponent {
  const component = layoutSource(context, request, 'mlmi');
  if (typeof (component as { effectiveK?: unknown }).effectiveK !== 'number') {
    throw new SdkError('GM_CONFIG_INVALID', `"${context.instanceId}" option ${request.option}: indicator "${request.id}" has no numeric effectiveK; use the mlmi plugin`);
  }
  return component;
}

/**
 * The 30-minute strategic 48 × 13 matrix, built from the MLMI, NW-RQK, LVN, MMD and aux-30m indicators.
 * @example
 * indicators:
 *   - { use: mlmi, options: { timeframe: 30m } }
 *   - { use: nw-rqk, options: { timeframe: 30m } }
 *   - { use: lvn, options: { timeframe: 30m, tickSize: 0.25 } }
 *   - { use: mmd, options: { timeframe: 30m } }
 *   - { use: aux-30m, options: { timeframe: 30m } }
 *   - { use: strategic-matrix }
 */
export const strategicMatrixPlugin = definePlugin({
  manifest: { id: 'strategic-matrix', kind: 'indicator', version: VERSION, apiVersion: PLUGIN_API_VERSION, description: 'Strategic 48×13 matrix assembler (30-minute rows)' },
  options: strategicMatrixOptions,
  create: (ctx) => {
    const { sources, timeframe } = ctx.options;
    const request = (option: keyof typeof sources): SourceRequest => ({ option: `sources.${option}`, id: sources[option], timeframe });
    // The row reads values by position (and MLMI's effectiveK), which the checks above guarantee
    const shared = {
      mlmi: mlmiSource(ctx, request('mlmi')),
      nwrqk: layoutSource(ctx, request('nwrqk'), 'nwrqk'),
      lvn: layoutSource(ctx, request('lvn'), 'lvn'),
      mmd: layoutSource(ctx, request('mmd'), 'mmd'),
      auxiliary: layoutSource(ctx, request('auxiliary'), 'auxiliary'),
    } as unknown as StrategicMatrixSources;
    return new StrategicMatrixAssembler(ctx.options, shared);
  },
});

/**
 * The 5-minute tactical 60 × 7 matrix, built from the FVG indicator and the bars.
 * @example
 * indicators: [{ use: fvg, options: { timeframe: 5m } }, { use: tactical-matrix }]
 */
export const tacticalMatrixPlugin = definePlugin({
  manifest: { id: 'tactical-matrix', kind: 'indicator', version: VERSION, apiVersion: PLUGIN_API_VERSION, description: 'Tactical 60×7 matrix assembler (5-minute rows)' },
  options: tacticalMatrixOptions,
  create: (ctx) => {
    const fvg = resolveIndicatorSource(ctx, { option: 'fvg', id: ctx.options.fvg, timeframe: ctx.options.timeframe, outputs: TACTICAL_FVG_OUTPUTS });
    return new TacticalMatrixAssembler(ctx.options, fvg);
  },
});

/**
 * The regime 96 × 16 matrix, built from the MMD and aux-30m indicators.
 * @example
 * indicators: [{ use: mmd, options: { timeframe: 30m } }, { use: aux-30m, options: { timeframe: 30m } }, { use: regime-matrix }]
 */
export const regimeMatrixPlugin = definePlugin({
  manifest: { id: 'regime-matrix', kind: 'indicator', version: VERSION, apiVersion: PLUGIN_API_VERSION, description: 'Regime 96×16 matrix assembler (30-minute rows)' },
  options: regimeMatrixOptions,
  create: (ctx) => {
    const { sources, timeframe } = ctx.options;
    const mmd = layoutSource(ctx, { option: 'sources.mmd', id: sources.mmd, timeframe }, 'mmd');
    const auxiliary = resolveIndicatorSource(ctx, { option: 'sources.auxiliary', id: sources.auxiliary, timeframe, outputs: REGIME_AUXILIARY_OUTPUTS });
    return new RegimeMatrixAssembler(ctx.options, mmd, auxiliary);
  },
});

/** The three matrix assembler plugins. */
export const assemblerPlugins = [strategicMatrixPlugin, tacticalMatrixPlugin, regimeMatrixPlugin] as const;
