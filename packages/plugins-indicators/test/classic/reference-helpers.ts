// What an independent check of a classic indicator is, and helpers to build references from the libraries
import type { BarInput, Indicator } from '@grandmodel/framework';
import * as ti from 'technicalindicators';
import { alignTail, collect } from './reference-data.js';

/** One independent check: our indicator against a reference on the same bars. */
export interface ReferenceCase {
  readonly name: string;
  readonly create: () => Indicator;
  /** Reference columns by output name (NaN where the reference has no value); outputs left out are checked elsewhere. */
  readonly reference: (bars: readonly BarInput[]) => Readonly<Record<string, Float64Array>>;
  /**
   * First bar index compared. Undefined: from our first ready bar (warmUp − 1), and the reference must have no value
   * before it (same warm-up). A number: a later start, used only where the reference seeds an EMA differently and that
   * seed's influence has decayed below the tolerance by then (see `decayed`).
   */
  readonly from?: number;
  /** Relative tolerance (of max(1, |reference|, scale)); 1e-9 unless the reference rounds its output. */
  readonly tolerance?: number;
  /** Absolute tolerance added on top, for references that round their output. */
  readonly absoluteTolerance?: number;
  /**
   * Magnitude of the inputs the output is a difference of (e.g. the A/D line for the Chaikin oscillator): rounding
   * error scales with it, not with the small difference itself.
   */
  readonly scale?: (bars: readonly BarInput[]) => number;
}

/** Default relative tolerance: different summation orders of the same formula agree far closer than this. */
export const TOLERANCE = 1e-9;

/**
 * Bars after which a seed difference of an EMA-type average with smoothing `alpha` has shrunk by `factor`
 * ((1 − alpha)^k < factor), times 2 for chained averages whose seed errors compound polynomially.
 */
export function decayed(alpha: number, factor = 1e-13): number {
  return 2 * Math.ceil(Math.log(factor) / Math.log(1 - alpha));
}

/** EMA smoothing factor of a period. */
export const emaAlpha = (period: number) => 2 / (period + 1);

/** technicalindicators EMA (SMA-seeded, like ours) of a bar-aligned column that may start with NaN. */
export function tiEma(values: Float64Array, period: number): Float64Array {
  const start = values.findIndex((value) => !Number.isNaN(value));
  const out = new Float64Array(values.length).fill(Number.NaN);
  if (start < 0) return out;
  const tail = ti.EMA.calculate({ period, values: Array.from(values.subarray(start)) });
  out.set(alignTail(tail, values.length - start), start);
  return out;
}

/** Combines bar-aligned columns element by element. */
export function map(columns: Float64Array[], f: (...values: number[]) => number): Float64Array {
  return columns[0]!.map((_, i) => f(...columns.map((column) => column[i]!)));
}

/** Closes of bars as a column. */
export const closes = (bars: readonly BarInput[]) => Float64Array.from(bars, (bar) => bar.close);
/** A bar as the candle object trading-signals reads. */
export const candle = (bar: BarInput) => ({ open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });

/** trading-signals series indicator fed bar by bar. */
export function tsSeries(bars: readonly BarInput[], indicator: { update(input: never, replace: boolean): number | null }, input: (bar: BarInput) => unknown): Float64Array {
  return collect(bars.length, 1, (i) => indicator.update(input(bars[i]!) as never, false), (value) => value)[0]!;
}

/** trading-signals indicator with an object result, fed bar by bar and read into named columns. */
export function tsObject<T>(bars: readonly BarInput[], indicator: { update(input: never, replace: boolean): T | null }, input: (bar: BarInput) => unknown, fields: readonly ((result: T) => number)[]) {
  return collect(bars.length, fields.length, (i) => indicator.update(input(bars[i]!) as never, false), (result, k) => fields[k]!(result));
}

/** Applies a function to each trailing window of `period` values (NaN before the first full window). */
export function windowed(values: ArrayLike<number>, period: number, f: (window: number[]) => number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = period - 1; i < values.length; i++) out[i] = f(Array.from({ length: period }, (_, j) => values[i - period + 1 + j]!));
  return out;
}

