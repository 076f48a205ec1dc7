import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { MMD_DIMENSIONS, MmdReference } from './mmd-reference.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `mmd` indicator (spec §3.5, variant A). */
export const mmdOptionsSchema = z
  .strictObject({
    referenceSize: z.number().int().min(2).default(500).describe('Feature rows frozen as the reference distribution'),
    windowSize: z.number().int().min(2).default(100).describe('Latest feature rows compared with the reference'),
    minBars: z.number().int().positive().default(600).describe('Bars needed before the first score'),
    volatilityWindow: z.number().int().min(2).default(20).describe('Returns in the rolling volatility feature'),
    tradingDays: z.number().positive().default(252).describe('Trading days per year, for annualising the volatility'),
    barsPerDay: z.number().positive().default(48).describe('Bars per trading day, for annualising the volatility'),
    momentumShort: z.number().int().positive().default(20).describe('Bars back of mmd_f09_mom20'),
    momentumLong: z.number().int().positive().default(50).describe('Bars back of mmd_f10_mom50'),
    volumeRatioWindow: z.number().int().positive().default(20).describe('Volumes averaged for mmd_f11_volume_ratio'),
    ...bindingOptionsShape,
  })
  .refine(
    (options) =>
      options.minBars >= options.volatilityWindow + Math.max(options.referenceSize, options.windowSize) &&
      options.minBars > Math.max(options.momentumShort, options.momentumLong, options.volumeRatioWindow - 1),
    { message: 'expected minBars >= volatilityWindow + max(referenceSize, windowSize) and > every momentum window', path: ['minBars'] },
  );

/** Input type of the `mmd` options. */
export type MmdOptions = z.input<typeof mmdOptionsSchema>;

/** Output names of `MaximumMeanDiscrepancy` (the 13-element `mmd_features` vector), as in the golden data. */
export const MAXIMUM_MEAN_DISCREPANCY_OUTPUTS = [
  'mmd_f00_close_as_open',
  'mmd_f01_high',
  'mmd_f02_low',
  'mmd_f03_close',
  'mmd_f04_volume',
  'mmd_f05_ret',
  'mmd_f06_logret',
  'mmd_f07_range',
  'mmd_f08_vol',
  'mmd_f09_mom20',
  'mmd_f10_mom50',
  'mmd_f11_volume_ratio',
  'mmd_score',
] as const;

/**
 * MMD variant A (spec §3.5, golden §4.6) on standard bars: base features (ret, logret, range, annualised vol),
 * a reference frozen from the first `referenceSize` feature rows, and each bar's unbiased Gaussian-kernel MMD
 * between the reference and the latest `windowSize` rows. Per bar: `referenceSize + windowSize` kernel evaluations,
 * using cached reference column sums and a cached window kernel matrix; memory is fixed after the reference freezes.
 */
export class MaximumMeanDiscrepancy extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof mmdOptionsSchema>>;
  #reference: MmdReference | undefined;
  readonly #annualisation: number;
  readonly #closes: Float64Array;
  readonly #volumes: Float64Array;
  readonly #returns: Float64Array;
  readonly #rawRows: Float64Array;
  readonly #rawRow = new Float64Array(MMD_DIMENSIONS);
  // Latest z-scored rows, their reference kernel sums and their pairwise kernel values, by ring slot
  readonly #windowRows: Float64Array;
  readonly #columnSums: Float64Array;
  readonly #windowKernel: Float64Array;
  #featureRows = 0;
  #windowCount = 0;

  constructor(options: MmdOptions = {}) {
    const parsed = parseIndicatorOptions(mmdOptionsSchema, options, 'mmd');
    super(MAXIMUM_MEAN_DISCREPANCY_OUTPUTS, parsed.minBars, parsed);
    this.options = Object.freeze(parsed);
    this.#annualisation = Math.sqrt(parsed.tradingDays * parsed.barsPerDay);
    this.#closes = new Float64Array(Math.max(parsed.momentumShort, parsed.momentumLong) + 1);
    this.#volumes = new Float64Array(parsed.volumeRatioWindow);
    this.#returns = new Float64Array(parsed.volatilityWindow);
    this.#rawRows = new Float64Array(parsed.referenceSize * MMD_DIMENSIONS);
    this.#windowRows = new Float64Array(parsed.windowSize * MMD_DIMENSIONS);
    this.#columnSums = new Float64Array(parsed.windowSize);
    this.#windowKernel = new Float64Array(parsed.windowSize * parsed.windowSize);
  }

  /** The frozen reference once `volatilityWindow + referenceSize` bars have been seen, else undefined. */
  get reference(): MmdReference | undefined {
    return this.#reference;
  }

  protected compute(bar: BarInput, index: number): void {
    const options = this.options;
    const closes = this.#closes;
    const previousClose = closes[(index - 1 + closes.length) % closes.length] as number;
    closes[index % closes.length] = bar.close;
    this.#volumes[index % this.#volumes.length] = bar.volume;
    if (index === 0) return;
    const ret = bar.close / previousClose - 1;
    const logret = Math.log(bar.close / previousClose);
    const range = (bar.high - bar.low) / previousClose;
    const returns = this.#returns;
    returns[index % returns.length] = ret;
    if (index < options.volatilityWindow) return;
    const volatility = this.#rollingVolatility(index) * this.#annualisation;
    const row = this.#rawRow;
    row[0] = ret;
    row[1] = logret;
    row[2] = range;
    row[3] = volatility;
    this.#addFeatureRow(row);
    if (index < options.minBars - 1) return;
    const values = this.latestValues;
    values[0] = bar.close;
    values[1] = bar.high;
    values[2] = bar.low;
    values[3] = bar.close;
    values[4] = bar.volume;
    values[5] = ret;
    values[6] = logret;
    values[7] = range;
    values[8] = volatility;
    values[9] = bar.close / (closes[(index - options.momentumShort) % closes.length] as number) - 1;
    values[10] = bar.close / (closes[(index - options.momentumLong) % closes.length] as number) - 1;
    values[11] = bar.volume / (this.#volumeSum(index) / options.volumeRatioWindow + 1e-9);
    values[12] = this.#score();
  }

  protected clearState(): void {
    this.#reference = undefined;
    this.#featureRows = 0;
    this.#windowCount = 0;
  }

  // Two-pass sample standard deviation (ddof 1) of the latest returns
  #rollingVolatility(index: number): number {
    const returns = this.#returns;
    const count = returns.length;
    let sum = 0;
    for (let back = count - 1; back >= 0; back -= 1) sum += returns[(index - back) % count] as number;
    const mean = sum / count;
    let squares = 0;
    for (let back = count - 1; back >= 0; back -= 1) {
      const deviation = (returns[(index - back) % count] as number) - mean;
      squares += deviation * deviation;
    }
    return Math.sqrt(squares / (count - 1));
  }

  #volumeSum(index: number): number {
    const volumes = this.#volumes;
    const count = volumes.length;
    let sum = 0;
    for (let back = count - 1; back >= 0; back -= 1) sum += volumes[(index - back) % count] as number;
    return sum;
  }

  #addFeatureRow(row: Float64Array): void {
    const { referenceSize, windowSize } = this.options;
    const position = this.#featureRows;
    this.#featureRows += 1;
    if (position < referenceSize) {
      this.#rawRows.set(row, position * MMD_DIMENSIONS);
      if (position < referenceSize - 1) return;
      const reference = new MmdReference(this.#rawRows, referenceSize);
      this.#reference = reference;
      // The latest reference rows also open the comparison window
      for (let first = Math.max(0, referenceSize - windowSize); first < referenceSize; first += 1) {
        this.#pushWindowRow(reference.rows, first * MMD_DIMENSIONS);
      }
      return;
    }
    const reference = this.#reference as MmdReference;
    const slot = this.#windowCount % windowSize;
    reference.standardize(row, 0, this.#windowRows, slot * MMD_DIMENSIONS);
    this.#pushWindowRow(this.#windowRows, slot * MMD_DIMENSIONS);
  }

  #pushWindowRow(source: Float64Array, offset: number): void {
    const reference = this.#reference as MmdReference;
    const windowSize = this.options.windowSize;
    const slot = this.#windowCount % windowSize;
    const rows = this.#windowRows;
    if (source !== rows || offset !== slot * MMD_DIMENSIONS) rows.set(source.subarray(offset, offset + MMD_DIMENSIONS), slot * MMD_DIMENSIONS);
    this.#columnSums[slot] = reference.sumAgainst(rows, slot * MMD_DIMENSIONS);
    const filled = Math.min(this.#windowCount, windowSize);
    const kernel = this.#windowKernel;
    for (let other = 0; other < filled; other += 1) {
      if (other === slot) continue;
      const value = reference.kernel(rows, slot * MMD_DIMENSIONS, rows, other * MMD_DIMENSIONS);
      kernel[slot * windowSize + other] = value;
      kernel[other * windowSize + slot] = value;
    }
    this.#windowCount += 1;
  }

  // Unbiased MMD between the reference and the window; 0 when MMD² is not positive. Sums run in slot order, not
  // time order: the result moves by rounding only (~1e-12), far inside the MMD tolerance, for half the additions
  #score(): number {
    const reference = this.#reference as MmdReference;
    const windowSize = this.options.windowSize;
    const kernel = this.#windowKernel;
    let pairs = 0;
    let across = 0;
    for (let first = 0; first < windowSize; first += 1) {
      const rowStart = first * windowSize;
      for (let second = first + 1; second < windowSize; second += 1) pairs += kernel[rowStart + second] as number;
      across += this.#columnSums[first] as number;
    }
    const squared =
      reference.withinMean + (2 * pairs) / (windowSize * (windowSize - 1)) - 2 * (across / (reference.rowCount * windowSize));
    return squared > 0 ? Math.sqrt(squared) : 0;
  }
}
