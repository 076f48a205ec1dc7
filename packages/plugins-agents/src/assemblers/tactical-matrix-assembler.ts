import type { BarInput, IndicatorComponent } from '@grandmodel/framework';
import { z } from 'zod';
import { outputIndex } from './indicator-source.js';
import { clip, finiteOrZero, MatrixAssembler } from './matrix-assembler.js';
import { PriceMomentum } from './price-momentum.js';
import { VolumeRatio } from './volume-ratio.js';

/** Column names of the 5-minute tactical matrix, PRD order (spec §4.3 pick #12). */
export const TACTICAL_MATRIX_COLUMNS = [
  'fvg_bullish_active',
  'fvg_bearish_active',
  'fvg_nearest_level',
  'fvg_age',
  'fvg_mitigation_signal',
  'price_momentum_5',
  'volume_ratio',
] as const;

/** FVG outputs the tactical matrix reads. */
export const TACTICAL_FVG_OUTPUTS = ['fvg_bullish_active', 'fvg_bearish_active', 'fvg_nearest_level', 'fvg_age', 'fvg_mitigation_signal'] as const;

/** Options of the `tactical-matrix` assembler (spec §4.3). */
export const tacticalMatrixOptions = z.strictObject({
  window: z.number().int().positive().default(60).describe('Rows kept: 60 five-minute bars (5 hours)'),
  warmUp: z.number().int().positive().default(20).describe('Rows needed before the matrix counts as ready'),
  fvg: z.string().default('fvg').describe('Instance id of the FVG indicator (bound to the same timeframe, listed before this one)'),
  momentumBars: z.number().int().positive().default(5).describe('Bars back of price_momentum_5'),
  volumeAlpha: z.number().gt(0).lte(1).default(0.02).describe('EMA weight of the volume_ratio average (2/21 ≈ 0.095 is the faster alternative)'),
  timeframe: z.string().default('5m').describe('Timeframe of the bars that append rows (and of the FVG source)'),
  symbol: z.string().min(1).optional().describe('Symbol whose bars append rows; every symbol when absent (single-instrument runs)'),
});

/** Parsed options of the `tactical-matrix` assembler. */
export type TacticalMatrixOptions = z.output<typeof tacticalMatrixOptions>;

/**
 * The 5-minute tactical 60 × 7 matrix (spec §4.3). Transforms, per column: FVG flags as 0/1; nearest level as
 * `clip(100·(L − P)/P, ±2)/2` (0 without a level); age as `exp(−0.1·age)`; mitigation signal 0/1; momentum
 * as `clip(m/5, ±1)`; volume ratio as `tanh(ln v)` (0 for v ≤ 0); then every value clipped to ±2.
 * Momentum and volume ratio are computed here from the bar (they are assembler features in the spec).
 */
export class TacticalMatrixAssembler extends MatrixAssembler {
  readonly options: TacticalMatrixOptions;
  readonly #fvg: Float64Array;
  readonly #indices: Int32Array;
  readonly #momentum: PriceMomentum;
  readonly #volume: VolumeRatio;

  constructor(options: TacticalMatrixOptions, fvg: IndicatorComponent) {
    super(TACTICAL_MATRIX_COLUMNS, options);
    this.options = options;
    this.#fvg = fvg.values;
    this.#indices = Int32Array.from(TACTICAL_FVG_OUTPUTS, (name) => outputIndex(fvg, name));
    this.#momentum = new PriceMomentum(options.momentumBars, 10);
    this.#volume = new VolumeRatio(options.volumeAlpha);
  }

  /** Latest raw `price_momentum_5` in percent (before the matrix transform). */
  get priceMomentum(): number {
    return this.#momentum.value;
  }

  /** Latest raw `volume_ratio` (before the matrix transform). */
  get volumeRatio(): number {
    return this.#volume.value;
  }

  protected computeRow(bar: BarInput, row: Float64Array): void {
    const fvg = this.#fvg;
    const indices = this.#indices;
    const price = bar.close;
    this.#momentum.push(price);
    this.#volume.push(bar.volume);
    row[0] = finiteOrZero(fvg[indices[0] as number]) !== 0 ? 1 : 0;
    row[1] = finiteOrZero(fvg[indices[1] as number]) !== 0 ? 1 : 0;
    const level = finiteOrZero(fvg[indices[2] as number]);
    row[2] = level <= 0 || !(price > 0) ? 0 : clip((100 * (level - price)) / price, 2) / 2;
    row[3] = Math.exp(-0.1 * finiteOrZero(fvg[indices[3] as number]));
    row[4] = finiteOrZero(fvg[indices[4] as number]) !== 0 ? 1 : 0;
    row[5] = clip(this.#momentum.value / 5, 1);
    const ratio = this.#volume.value;
    row[6] = ratio > 0 ? Math.tanh(Math.log(ratio)) : 0;
    for (let column = 0; column < row.length; column++) row[column] = clip(row[column] as number, 2);
  }

  protected resetFeatures(): void {
    this.#momentum.reset();
    this.#volume.reset();
  }
}
