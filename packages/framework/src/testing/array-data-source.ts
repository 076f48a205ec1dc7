import { z } from 'zod';
import type { DataSource, DataSourceStats, TimeRange } from '../kinds/data-source.js';
import type { Bar, Tick } from '../model/bar.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { PLUGIN_API_VERSION } from '../plugin/manifest.js';

/** A data source over bars or ticks held in memory: for tests and for feeding generated data to the engine. */
export class ArrayDataSource implements DataSource {
  readonly live = false;
  readonly symbols: readonly string[];
  readonly output: DataSource['output'];
  private emitted = 0;

  constructor(
    private readonly records: readonly (Bar | Tick)[],
    output: DataSource['output'],
    private readonly batchSize = 1024,
  ) {
    this.output = output;
    this.symbols = [...new Set(records.map((record) => record.symbol))];
  }

  async *read(range: TimeRange = {}): AsyncIterable<readonly (Bar | Tick)[]> {
    const everything = range.from === undefined && range.to === undefined;
    const selected = everything
      ? this.records
      : this.records.filter((record) => {
          const time = 'start' in record ? record.start : record.time;
          return (range.from === undefined || time >= range.from) && (range.to === undefined || time < range.to);
        });
    for (let i = 0; i < selected.length; i += this.batchSize) {
      const batch = selected.slice(i, i + this.batchSize);
      this.emitted += batch.length;
      yield batch;
    }
  }

  stats(): DataSourceStats {
    return { rowsRead: this.records.length, recordsEmitted: this.emitted, rowsRejected: 0 };
  }
}

/**
 * Returns a data-source plugin (id `array` unless given) that serves the given bars; use it in tests to run
 * the engine on hand-made data: `loadSystem(config, { plugins: [arrayDataSourcePlugin(bars)] })`.
 */
export function arrayDataSourcePlugin(records: readonly Bar[] | readonly Tick[], options: { id?: string; timeframe?: string } = {}) {
  const first = records[0];
  const output: DataSource['output'] =
    first !== undefined && 'time' in first ? { type: 'ticks' } : { type: 'bars', timeframe: options.timeframe ?? (first as Bar | undefined)?.timeframe ?? '1m' };
  return definePlugin({
    manifest: { id: options.id ?? 'array', kind: 'data-source', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'In-memory bars or ticks (tests)' },
    options: z.strictObject({}),
    create: () => new ArrayDataSource(records, output),
  });
}

/** Builds a bar with `end` and `synthetic` filled in; handy in tests. */
export function makeBar(fields: { symbol?: string; timeframe?: string; start: number | string; open: number; high: number; low: number; close: number; volume?: number }, lengthMs = 60_000): Bar {
  const start = typeof fields.start === 'string' ? Date.parse(fields.start) : fields.start;
  return Object.freeze({
    symbol: fields.symbol ?? 'TEST',
    timeframe: fields.timeframe ?? '1m',
    start,
    end: start + lengthMs,
    open: fields.open,
    high: fields.high,
    low: fields.low,
    close: fields.close,
    volume: fields.volume ?? 100,
    synthetic: false,
  });
}
