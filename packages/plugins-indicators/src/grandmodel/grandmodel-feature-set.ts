import type { BarInput } from '@grandmodel/framework';
import { SdkError } from '@grandmodel/framework';
import { z } from 'zod';
import { AuxiliaryRegimeFeatures } from './auxiliary-regime-features.js';
import { FairValueGap } from './fair-value-gap.js';
import { formatGoldenValue, formatNaiveTimestamp } from './golden-csv-format.js';
import { GrandModelAverageTrueRange } from './grandmodel-average-true-range.js';
import { GRANDMODEL_COLUMNS } from './grandmodel-columns.js';
import { HeikenAshi } from './heiken-ashi.js';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { LowVolumeNode } from './low-volume-node.js';
import { MachineLearningMarketIndicator } from './machine-learning-market-indicator.js';
import { MaximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { NadarayaWatsonRationalQuadratic } from './nadaraya-watson-rational-quadratic.js';
import { StrategicMatrixRow } from './strategic-matrix-row.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Id of the 30-minute feature-export preset (`grandmodel indicators --preset grandmodel-30m`). */
export const GRANDMODEL_30M_PRESET = 'grandmodel-30m';

/** Options of the GrandModel 30-minute feature set. */
export const grandModelFeatureSetOptionsSchema = z.strictObject({
  profile: z
    .enum(['engine', 'research'])
    .default('engine')
    .describe('Source of the unsuffixed MLMI/NW-RQK columns: HA close (engine) or raw close (research); *_close columns always use close'),
  tickSize: z.number().positive().default(0.25).describe('LVN grid step: the instrument tick (0.25 for NQ, 0.01 for CL)'),
  utcOffsetMinutes: z.number().int().min(-1440).max(1440).default(0).describe('Clock of the hour-of-day columns and timestamps, in minutes from UTC'),
  ...bindingOptionsShape,
});

/** Input type of the feature-set options. */
export type GrandModelFeatureSetOptions = z.input<typeof grandModelFeatureSetOptionsSchema>;

/** One indicator of the preset, with the plugin id it corresponds to. */
export interface NamedIndicator {
  readonly id: string;
  readonly indicator: StreamingIndicator;
}

// bar_index and the echoed open, high, low, close, volume come first
const ECHO_COUNT = 6;

/**
 * The GrandModel 30-minute indicators in dependency order, producing per bar the full row of golden columns:
 * `latestValues[i]` is column `columns[i]` from that column's own warm-up on (NaN marks an empty cell), which is
 * what `formatCsvRow` writes. Itself an indicator, so an engine can run it like any other (`values` fills in once
 * every column has a value, after the 600-bar MMD warm-up).
 */
export class GrandModelFeatureSet extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof grandModelFeatureSetOptionsSchema>>;
  /** Column names after `timestamp`, in golden order (same as `outputs`). */
  readonly columns: readonly string[];
  /** Per column: written as an integer. */
  readonly integerColumns: readonly boolean[];
  /** The indicators, in the order they are updated. */
  readonly indicators: readonly NamedIndicator[];
  // Per column from ECHO_COUNT on: the source indicator's values array and the index in it
  readonly #sourceValues: Float64Array[];
  readonly #sourceIndex: Int32Array;
  readonly #updateOrder: StreamingIndicator[];

  constructor(options: GrandModelFeatureSetOptions = {}) {
    const parsed = parseIndicatorOptions(grandModelFeatureSetOptionsSchema, options, GRANDMODEL_30M_PRESET);
    const source = parsed.profile === 'engine' ? 'ha_close' : 'close';
    const mlmi = new MachineLearningMarketIndicator({ source });
    const nwrqk = new NadarayaWatsonRationalQuadratic({ source });
    const lvn = new LowVolumeNode({ tickSize: parsed.tickSize });
    const mmd = new MaximumMeanDiscrepancy();
    const auxiliary = new AuxiliaryRegimeFeatures();
    const indicators: NamedIndicator[] = [
      { id: 'heiken-ashi', indicator: new HeikenAshi() },
      { id: 'mlmi', indicator: mlmi },
      { id: 'mlmi', indicator: new MachineLearningMarketIndicator({ source: 'close', outputSuffix: '_close' }) },
      { id: 'nw-rqk', indicator: nwrqk },
      { id: 'nw-rqk', indicator: new NadarayaWatsonRationalQuadratic({ source: 'close', outputSuffix: '_close' }) },
      { id: 'fvg', indicator: new FairValueGap() },
      { id: 'lvn', indicator: lvn },
      { id: 'mmd', indicator: mmd },
      { id: 'atr-gm', indicator: new GrandModelAverageTrueRange() },
      { id: 'aux-30m', indicator: auxiliary },
      {
        id: 'strategic-matrix-row',
        indicator: new StrategicMatrixRow({ utcOffsetMinutes: parsed.utcOffsetMinutes }, { mlmi, nwrqk, lvn, mmd, auxiliary }),
      },
    ];
    const columns = GRANDMODEL_COLUMNS.map((column) => column.name);
    super(columns, Math.max(...indicators.map((entry) => entry.indicator.warmUp)), parsed);
    this.options = Object.freeze(parsed);
    this.columns = this.outputs;
    this.integerColumns = Object.freeze(GRANDMODEL_COLUMNS.map((column) => column.integer));
    this.indicators = Object.freeze(indicators);
    this.#updateOrder = indicators.map((entry) => entry.indicator);
    this.#sourceValues = [];
    this.#sourceIndex = new Int32Array(columns.length);
    for (let column = ECHO_COUNT; column < columns.length; column += 1) this.#bindColumn(columns[column] as string, column);
  }

  /** Formats the latest row (`latestValues`) as a CSV line: naive timestamp of `bar`, then every column as the golden file does. */
  formatCsvRow(bar: BarInput): string {
    const cells = [formatNaiveTimestamp(bar.start, this.options.utcOffsetMinutes)];
    for (let column = 0; column < this.values.length; column += 1) {
      cells.push(formatGoldenValue(this.latestValues[column] as number, this.integerColumns[column] as boolean));
    }
    return cells.join(',');
  }

  /** Returns the CSV header line: `timestamp` then the columns. */
  csvHeader(): string {
    return ['timestamp', ...this.columns].join(',');
  }

  protected compute(bar: BarInput, index: number): void {
    // An indexed loop over a plain array: iterating the frozen public list would allocate iterator results
    const updateOrder = this.#updateOrder;
    for (let position = 0; position < updateOrder.length; position += 1) (updateOrder[position] as StreamingIndicator).update(bar);
    const values = this.latestValues;
    const sourceValues = this.#sourceValues;
    const sourceIndex = this.#sourceIndex;
    for (let column = ECHO_COUNT; column < values.length; column += 1) {
      values[column] = (sourceValues[column - ECHO_COUNT] as Float64Array)[sourceIndex[column] as number] as number;
    }
    values[0] = index;
    values[1] = bar.open;
    values[2] = bar.high;
    values[3] = bar.low;
    values[4] = bar.close;
    values[5] = bar.volume;
  }

  protected clearState(): void {
    for (const entry of this.indicators) entry.indicator.reset();
  }

  #bindColumn(name: string, column: number): void {
    for (const { indicator } of this.indicators) {
      const index = indicator.outputs.indexOf(name);
      if (index >= 0) {
        this.#sourceValues.push(indicator.latestValues);
        this.#sourceIndex[column] = index;
        return;
      }
    }
    throw new SdkError('GM_INPUT_INVALID', `GrandModel feature set: no indicator produces column "${name}"`);
  }
}

/** Creates the `grandmodel-30m` preset: every GrandModel indicator, producing the golden columns per bar. */
export function createGrandModelPreset(options: GrandModelFeatureSetOptions = {}): GrandModelFeatureSet {
  return new GrandModelFeatureSet(options);
}
