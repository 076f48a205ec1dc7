import { writeFileSync } from 'node:fs';
import { toStableJson } from '../format/stable-json.js';
import type { Statistics } from '../statistics/statistics.js';
import type { Trade } from '../trades/trade.js';
import { RUN_FORMAT_VERSION } from './run-files.js';

/** Content of `summary.json`. */
export interface RunSummary {
  /** Version of the run folder layout. */
  readonly formatVersion: number;
  /** Caller-supplied facts about the run (name, mode, seed, config path…). */
  readonly run: Readonly<Record<string, unknown>>;
  readonly statistics: Statistics;
  /** Positions still open at the end, marked at the last price. */
  readonly openTrades: readonly Trade[];
}

/** Returns the summary object written to `summary.json`. */
export function buildRunSummary(statistics: Statistics, openTrades: readonly Trade[], run: Readonly<Record<string, unknown>> = {}): RunSummary {
  return { formatVersion: RUN_FORMAT_VERSION, run, statistics, openTrades };
}

/** Writes `summary.json`: two-space indents, sorted keys, rounded numbers, ISO times, a final newline. */
export function writeRunSummary(path: string, summary: RunSummary): void {
  writeFileSync(path, toStableJson(summary, { indent: 2 }) + '\n');
}
