import { z } from 'zod';
import type { DataSource, DataSourceStats, TimeRange } from '../../kinds/data-source.js';
import type { Bar, Tick } from '../../model/bar.js';
import { definePlugin } from '../../plugin/define-plugin.js';
import { PLUGIN_API_VERSION } from '../../plugin/manifest.js';
import { CsvDataSource } from '../csv/csv-data-source.js';
import { csvDataSourceOptions } from '../csv/csv-data-source-options.js';
import { ReplayClock } from './replay-clock.js';

/** Waits until a wall time; injected so tests can replay without real waiting. */
export type WallSleep = (wallTime: number, signal?: AbortSignal) => Promise<void>;

const realSleep: WallSleep = (wallTime, signal) =>
  new Promise((resolve) => {
    const delay = wallTime - Date.now();
    if (delay <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, delay);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Plays another data source in real time or faster, as a live feed: each bar is delivered when its close is
 * due (ticks at their time) on a clock running `speed` times the wall clock. It lets paper and live mode be
 * exercised on a file; the engine uses its `clock` in those modes.
 */
export class ReplayDataSource implements DataSource {
  readonly live = true;
  readonly clock: ReplayClock;

  constructor(
    private readonly inner: DataSource,
    private readonly speed: number,
    private readonly wall: { now: () => number; sleep: WallSleep } = { now: () => Date.now(), sleep: realSleep },
  ) {
    this.clock = new ReplayClock(speed, wall.now);
  }

  get output(): DataSource['output'] {
    return this.inner.output;
  }

  get symbols(): readonly string[] {
    return this.inner.symbols;
  }

  async *read(range?: TimeRange, signal?: AbortSignal): AsyncIterable<readonly (Bar | Tick)[]> {
    let anchored = false;
    for await (const batch of this.inner.read(range, signal)) {
      for (const record of batch) {
        // A bar is known at its close, a tick at its time
        const due = 'end' in record ? record.end : record.time;
        if (!anchored) {
          this.clock.anchor('start' in record ? record.start : due);
          anchored = true;
        }
        if (this.speed > 0) await this.wall.sleep(this.clock.wallTimeOf(due), signal);
        if (signal?.aborted) return;
        this.clock.delivered(due);
        yield [record];
      }
    }
  }

  stats(): DataSourceStats {
    return this.inner.stats?.() ?? { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0 };
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

/** Options of the `replay` data source: a CSV source and the replay speed. */
export const replayDataSourceOptions = z.strictObject({
  csv: csvDataSourceOptions.describe('The CSV source to play, with the same options as the `csv` data source'),
  speed: z.number().nonnegative().default(1).describe('Data seconds per wall second: 1 = real time, 60 = a minute per second, 0 = as fast as possible'),
});

/**
 * Built-in `replay` data source: plays a CSV file as a live feed (paper and live mode on recorded data).
 * @example
 * data: { use: replay, options: { speed: 60, csv: { path: ./nq-1m.csv, symbol: NQ } } }
 */
export const replayDataSourcePlugin = definePlugin({
  manifest: { id: 'replay', kind: 'data-source', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Plays a CSV file in real time or faster, as a live feed' },
  options: replayDataSourceOptions,
  create: (ctx) => new ReplayDataSource(new CsvDataSource(ctx.options.csv, { baseDir: ctx.baseDir, logger: ctx.logger }), ctx.options.speed),
});
