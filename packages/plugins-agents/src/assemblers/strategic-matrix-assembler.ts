import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { StrategicMatrixRow, STRATEGIC_AGENT_COLUMNS, STRATEGIC_MATRIX_COLUMNS } from './grandmodel-indicators.js';
import type { StrategicMatrixSources } from './grandmodel-indicators.js';
import { MatrixAssembler } from './matrix-assembler.js';

/** Options of the `strategic-matrix` assembler (spec §4.2). */
export const strategicMatrixOptions = z.strictObject({
  window: z.number().int().positive().default(48).describe('Rows kept: 48 thirty-minute bars (24 hours)'),
  warmUp: z.number().int().positive().default(48).describe('Rows needed before the matrix counts as ready'),
  sources: z
    .strictObject({
      mlmi: z.string().default('mlmi').describe('Instance id of the MLMI indicator'),
      nwrqk: z.string().default('nw-rqk').describe('Instance id of the NW-RQK indicator'),
      lvn: z.string().default('lvn').describe('Instance id of the LVN indicator'),
      mmd: z.string().default('mmd').describe('Instance id of the MMD indicator'),
      auxiliary: z.string().default('aux-30m').describe('Instance id of the auxiliary 30-minute features (aux-30m)'),
    })
    .prefault({})
    .describe('Indicator components the rows are built from; each must be listed before this one and bound to the same timeframe'),
  layout: z.enum(['canonical', 'repo-enhanced']).default('canonical').describe('Column layout: canonical (8 mmd_score, 9–10 momentum_20/50) or repo-enhanced (8–10 = the first three MMD features; compatibility)'),
  mlmiScaling: z.enum(['k-eff', 'faithful']).default('k-eff').describe('Column 0: mlmi_value / effective k, or faithful 2·v/100 − 1 (assumes a 0–100 MLMI; compatibility)'),
  lvnStrengthScale: z.enum(['unit', 'percent']).default('unit').describe('Column 5: LVN strength already 0–1, or a 0–100 score divided by 100'),
  utcOffsetMinutes: z.number().int().min(-1440).max(1440).default(0).describe('Minutes added to UTC bar starts before taking the hour of day (columns 6–7)'),
  warmupSamples: z.number().int().positive().default(100).describe('Normalizer samples averaged cumulatively before EMA weighting'),
  defaultAlpha: z.number().gt(0).lte(1).default(0.01).describe('Normalizer EMA weight of the mmd, momentum and volatility columns'),
  nwrqkSlopeAlpha: z.number().gt(0).lte(1).default(0.05).describe('Normalizer EMA weight of the nwrqk_slope column'),
  timeframe: z.string().default('30m').describe('Timeframe of the bars that append rows (and of every source)'),
  symbol: z.string().min(1).optional().describe('Symbol whose bars append rows; every symbol when absent (single-instrument runs)'),
});

/** Parsed options of the `strategic-matrix` assembler. */
export type StrategicMatrixOptions = z.output<typeof strategicMatrixOptions>;

/**
 * The 30-minute strategic 48 × 13 matrix (spec §4.2, canonical layout: mlmi_value, mlmi_signal, nwrqk_value,
 * nwrqk_slope, lvn_distance, lvn_strength, hour sin/cos, mmd_score, momentum_20/50, volatility_30,
 * volume_profile_skew). Each row is the indicators package's `StrategicMatrixRow` computed from the shared
 * MLMI, NW-RQK, LVN, MMD and auxiliary components, so no indicator runs twice.
 */
export class StrategicMatrixAssembler extends MatrixAssembler {
  /** Columns each strategic agent reads (MLMI [0,1,9,10], NW-RQK [2,3,4,5], Regime [8,11,12]). */
  static readonly agentColumns = STRATEGIC_AGENT_COLUMNS;
  readonly options: StrategicMatrixOptions;
  readonly #row: StrategicMatrixRow;

  constructor(options: StrategicMatrixOptions, sources: StrategicMatrixSources) {
    const row = new StrategicMatrixRow(
      {
        layout: options.layout,
        mlmiScaling: options.mlmiScaling,
        lvnStrengthScale: options.lvnStrengthScale,
        utcOffsetMinutes: options.utcOffsetMinutes,
        warmupSamples: options.warmupSamples,
        defaultAlpha: options.defaultAlpha,
        nwrqkSlopeAlpha: options.nwrqkSlopeAlpha,
      },
      sources,
    );
    super(options.layout === 'canonical' ? STRATEGIC_MATRIX_COLUMNS : row.outputs, options);
    this.options = options;
    this.#row = row;
  }

  protected computeRow(bar: BarInput, row: Float64Array): void {
    const source = this.#row;
    source.update(bar);
    row.set(source.values);
  }

  protected resetFeatures(): void {
    this.#row.reset();
  }
}
