import type { BarInput, IndicatorComponent } from '@grandmodel/framework';
import { FeatureMatrix } from './feature-matrix.js';

/** Window, warm-up and binding shared by every assembler. */
export interface MatrixAssemblerSettings {
  readonly window: number;
  /** Rows needed before `isReady` (spec default: the window). */
  readonly warmUp: number;
  readonly timeframe?: string | undefined;
  readonly symbol?: string | undefined;
}

/**
 * Base of the matrix assemblers (spec §4.1): an indicator component whose `values` are the latest row and whose
 * `matrix` holds the last `window` rows. The engine feeds it after the indicators listed before it, so its
 * sources already hold the values of the same bar; a row is appended on every bar of its timeframe only, which
 * gives the §4.5 cadence (30-minute matrices change only on 30-minute bars).
 */
export abstract class MatrixAssembler implements IndicatorComponent {
  readonly outputs: readonly string[];
  readonly values: Float64Array;
  readonly warmUp: number;
  readonly timeframe?: string;
  readonly symbol?: string;
  /** The rolling window of rows. */
  readonly matrix: FeatureMatrix;
  #lastStart = Number.NaN;

  protected constructor(columns: readonly string[], settings: MatrixAssemblerSettings) {
    this.matrix = new FeatureMatrix(settings.window, columns);
    this.outputs = this.matrix.columnNames;
    this.values = new Float64Array(columns.length);
    this.warmUp = settings.warmUp;
    if (settings.timeframe !== undefined) this.timeframe = settings.timeframe;
    if (settings.symbol !== undefined) this.symbol = settings.symbol;
  }

  /** Rows appended since construction or the last reset. */
  get samples(): number {
    return this.matrix.updates;
  }

  /** True once `warmUp` rows have been appended. */
  get isReady(): boolean {
    return this.matrix.updates >= this.warmUp;
  }

  /** Start time of the bar of the latest row; NaN before the first. */
  get lastBarStart(): number {
    return this.#lastStart;
  }

  /** Builds the row for this bar into `values` and appends it. */
  update(bar: BarInput): void {
    this.computeRow(bar, this.values);
    this.matrix.push(this.values);
    // The matrix stores float32; `values` keep the finite float64 row agents read as the latest features
    const values = this.values;
    for (let column = 0; column < values.length; column++) if (!Number.isFinite(values[column] as number)) values[column] = 0;
    this.#lastStart = bar.start;
  }

  /** Forgets every row and all feature state. */
  reset(): void {
    this.matrix.reset();
    this.values.fill(0);
    this.#lastStart = Number.NaN;
    this.resetFeatures();
  }

  /** Writes the features of the bar into `row` (length = number of columns). */
  protected abstract computeRow(bar: BarInput, row: Float64Array): void;

  /** Clears feature state kept between bars (normalizers, histories). */
  protected abstract resetFeatures(): void;
}

/** `min(max(value, −bound), bound)`. */
export function clip(value: number, bound: number): number {
  return value < -bound ? -bound : value > bound ? bound : value;
}

/** The value when finite, else 0 (warm-up NaN reads as the feature-store default). */
export function finiteOrZero(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}
