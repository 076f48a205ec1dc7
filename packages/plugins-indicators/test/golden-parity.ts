import { basename, resolve } from 'node:path';
import { formatGoldenValue, GrandModelFeatureSet } from '../src/grandmodel/index.js';
import { parseInputRow, readLines, SHARED_DIR } from './golden-data.js';

/** How a golden column is compared (golden README §3). */
export type Tolerance = 'exact' | 'default' | 'mmd';

const EXACT_FLOAT_COLUMNS = new Set(['open', 'high', 'low', 'close', 'volume', 'mmd_f00_close_as_open', 'mmd_f01_high', 'mmd_f02_low', 'mmd_f03_close', 'mmd_f04_volume']);

/** Returns the README's tolerance class of a column. */
export function toleranceOf(column: string, integer: boolean): Tolerance {
  if (integer || EXACT_FLOAT_COLUMNS.has(column)) return 'exact';
  return column === 'mmd_score' || column === 'sm08_mmd_score' ? 'mmd' : 'default';
}

/** True when `actual` passes against the golden cell value `expected` (NaN for an empty cell). */
export function withinTolerance(actual: number, expected: number, tolerance: Tolerance): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (tolerance === 'exact') return actual === expected;
  const difference = Math.abs(actual - expected);
  return tolerance === 'mmd' ? difference <= 1e-8 : difference <= 1e-9 + 1e-12 * Math.abs(expected);
}

/** Parity of one column over a golden file. */
export interface ColumnParity {
  readonly column: string;
  readonly tolerance: Tolerance;
  mismatches: number;
  /** First mismatching row (bar_index), −1 when none. */
  firstRow: number;
  firstActual: number;
  firstExpected: number;
  /** Largest |actual − expected| over rows where both have a value. */
  maxDifference: number;
}

/** Result of streaming one instrument through the feature set against its golden file. */
export interface GoldenParityResult {
  readonly rows: number;
  readonly columns: ColumnParity[];
  /** Cells where formatting the golden value again does not give the golden text (first few). */
  readonly formatMismatches: string[];
  readonly featureSet: GrandModelFeatureSet;
}

/** Streams `data/<name>.csv` from its first row and compares every golden row of `golden/<name>-golden.csv.gz`. */
export async function runGoldenParity(name: string, tickSize: number): Promise<GoldenParityResult> {
  const inputPath = resolve(SHARED_DIR, `data/${name}.csv`);
  const goldenPath = resolve(SHARED_DIR, `golden/${name}-golden.csv.gz`);
  const featureSet = new GrandModelFeatureSet({ profile: 'engine', tickSize });
  const input = readLines(inputPath);
  const golden = readLines(goldenPath);
  const inputHeader = (await input.next()).value as string;
  if (inputHeader !== 'timestamp,open,high,low,close,volume') throw new Error(`${basename(inputPath)}:1 unexpected header "${inputHeader}"`);
  const goldenHeader = ((await golden.next()).value as string).split(',');
  const expectedHeader = ['timestamp', ...featureSet.columns];
  if (goldenHeader.join(',') !== expectedHeader.join(',')) throw new Error(`${basename(goldenPath)}:1 header differs from the feature-set columns`);
  const columns: ColumnParity[] = featureSet.columns.map((column, index) => ({
    column,
    tolerance: toleranceOf(column, featureSet.integerColumns[index] as boolean),
    mismatches: 0,
    firstRow: -1,
    firstActual: Number.NaN,
    firstExpected: Number.NaN,
    maxDifference: 0,
  }));
  const formatMismatches: string[] = [];
  let rows = 0;
  for await (const goldenLine of golden) {
    const inputLine = await input.next();
    if (inputLine.done === true) throw new Error(`${basename(inputPath)} ended before ${basename(goldenPath)}`);
    const { timestamp, bar } = parseInputRow(inputLine.value, `${basename(inputPath)}:${rows + 2}`);
    featureSet.update(bar);
    const cells = goldenLine.split(',');
    if (cells[0] !== timestamp) throw new Error(`${basename(goldenPath)}:${rows + 2} timestamp ${cells[0]} does not match input ${timestamp}`);
    const values = featureSet.latestValues;
    for (let index = 0; index < columns.length; index += 1) {
      const cell = cells[index + 1] as string;
      const expected = cell === '' ? Number.NaN : Number(cell);
      const actual = values[index] as number;
      const parity = columns[index] as ColumnParity;
      if (!Number.isNaN(expected) && !Number.isNaN(actual)) {
        parity.maxDifference = Math.max(parity.maxDifference, Math.abs(actual - expected));
      }
      if (!withinTolerance(actual, expected, parity.tolerance)) {
        if (parity.mismatches === 0) {
          parity.firstRow = rows;
          parity.firstActual = actual;
          parity.firstExpected = expected;
        }
        parity.mismatches += 1;
      }
      if (formatMismatches.length < 5 && formatGoldenValue(expected, featureSet.integerColumns[index] as boolean) !== cell) {
        formatMismatches.push(`row ${rows} ${parity.column}: "${cell}"`);
      }
    }
    rows += 1;
  }
  return { rows, columns, formatMismatches, featureSet };
}

/** Renders the columns that failed, one line each, for an assertion message or a report. */
export function describeMismatches(result: GoldenParityResult): string[] {
  return result.columns
    .filter((column) => column.mismatches > 0)
    .map(
      (column) =>
        `${column.column}: ${column.mismatches} rows differ, first at row ${column.firstRow} ` +
        `(was ${column.firstActual}, golden ${column.firstExpected}), max |diff| ${column.maxDifference}`,
    );
}
