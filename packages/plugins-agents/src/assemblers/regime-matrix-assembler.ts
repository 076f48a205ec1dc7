import type { BarInput, IndicatorComponent } from '@grandmodel/framework';
import { z } from 'zod';
import { MAXIMUM_MEAN_DISCREPANCY_OUTPUTS, RollingNormalizer } from './grandmodel-indicators.js';
import { outputIndex } from './indicator-source.js';
import { clip, finiteOrZero, MatrixAssembler } from './matrix-assembler.js';

/** Auxiliary outputs the regime matrix reads, in column order after the 13 MMD features. */
export const REGIME_AUXILIARY_OUTPUTS = ['volatility_30', 'volume_profile_skew', 'price_acceleration'] as const;

/** Column names of the regime 96 × 16 matrix: the 13 MMD features (variant A), then the auxiliary three. */
export const REGIME_MATRIX_COLUMNS: readonly string[] = Object.freeze([...MAXIMUM_MEAN_DISCREPANCY_OUTPUTS, ...REGIME_AUXILIARY_OUTPUTS]);

/** Options of the `regime-matrix` assembler (spec §4.4). */
export const regimeMatrixOptions = z.strictObject({
  window: z.number().int().positive().default(96).describe('Rows kept: 96 thirty-minute bars (48 hours)'),
  warmUp: z.number().int().positive().default(30).describe('Rows needed before the matrix counts as ready'),
  sources: z
    .strictObject({
      mmd: z.string().default('mmd').describe('Instance id of the MMD indicator (13 outputs)'),
      auxiliary: z.string().default('aux-30m').describe('Instance id of the auxiliary 30-minute features'),
    })
    .prefault({})
    .describe('Indicator components the rows are built from; listed before this one, bound to the same timeframe'),
  volatilityAlpha: z.number().gt(0).lte(1).default(0.05).describe('Normalizer EMA weight of volatility_30'),
  warmupSamples: z.number().int().positive().default(100).describe('Normalizer samples averaged cumulatively before EMA weighting'),
  timeframe: z.string().default('30m').describe('Timeframe of the bars that append rows (and of both sources)'),
  symbol: z.string().min(1).optional().describe('Symbol whose bars append rows; every symbol when absent (single-instrument runs)'),
});

/** Parsed options of the `regime-matrix` assembler. */
export type RegimeMatrixOptions = z.output<typeof regimeMatrixOptions>;

/**
 * The regime 96 × 16 matrix (spec §4.4 pick; the mmd vector is expanded, so the width is 13 + 3). Transforms:
 * MMD features clipped to ±3; volatility_30 as `clip(z, ±2)` once its normalizer has more than 10 samples,
 * else `tanh(v)`; skew as `v/3`; acceleration as `v/5`. Rows are appended on 30-minute bars only.
 */
export class RegimeMatrixAssembler extends MatrixAssembler {
  readonly options: RegimeMatrixOptions;
  readonly #mmd: Float64Array;
  readonly #mmdIndices: Int32Array;
  readonly #auxiliary: Float64Array;
  readonly #auxiliaryIndices: Int32Array;
  readonly #volatility: RollingNormalizer;

  constructor(options: RegimeMatrixOptions, mmd: IndicatorComponent, auxiliary: IndicatorComponent) {
    super(REGIME_MATRIX_COLUMNS, options);
    this.options = options;
    this.#mmd = mmd.values;
    this.#mmdIndices = Int32Array.from(MAXIMUM_MEAN_DISCREPANCY_OUTPUTS, (name) => outputIndex(mmd, name));
    this.#auxiliary = auxiliary.values;
    this.#auxiliaryIndices = Int32Array.from(REGIME_AUXILIARY_OUTPUTS, (name) => outputIndex(auxiliary, name));
    this.#volatility = new RollingNormalizer(options.volatilityAlpha, options.warmupSamples);
  }

  protected computeRow(_bar: BarInput, row: Float64Array): void {
    const mmd = this.#mmd;
    const mmdIndices = this.#mmdIndices;
    for (let column = 0; column < mmdIndices.length; column++) row[column] = clip(finiteOrZero(mmd[mmdIndices[column] as number]), 3);
    const auxiliary = this.#auxiliary;
    const indices = this.#auxiliaryIndices;
    const base = mmdIndices.length;
    const volatility = finiteOrZero(auxiliary[indices[0] as number]);
    const normalizer = this.#volatility;
    normalizer.update(volatility);
    row[base] = normalizer.count > 10 ? clip(normalizer.latestZScore, 2) : Math.tanh(volatility);
    row[base + 1] = finiteOrZero(auxiliary[indices[1] as number]) / 3;
    row[base + 2] = finiteOrZero(auxiliary[indices[2] as number]) / 5;
  }

  protected resetFeatures(): void {
    this.#volatility.reset();
  }
}
