import type { Bar, Tick } from '../model/bar.js';

/** What a data source yields: closed bars of one timeframe, or ticks. */
export type DataSourceOutput = { readonly type: 'bars'; readonly timeframe: string } | { readonly type: 'ticks' };

/** Time range to read, epoch milliseconds; `from` inclusive, `to` exclusive. */
export interface TimeRange {
  readonly from?: number;
  readonly to?: number;
}

/** What a source read, and what it rejected or repaired (nothing is dropped silently). */
export interface DataSourceStats {
  readonly rowsRead: number;
  readonly recordsEmitted: number;
  readonly rowsRejected: number;
  /** File where rejected rows were written, with `onBadRow: quarantine`. */
  readonly quarantineFile?: string;
}

/**
 * A stream of market data in time order. Records come in batches so a backtest pays one `await`
 * per batch, not per bar.
 */
export interface DataSource {
  readonly output: DataSourceOutput;
  /** Symbols this source produces. */
  readonly symbols: readonly string[];
  /** True for sources that follow real time (paper and live modes). */
  readonly live: boolean;
  /** Yields records with non-decreasing time, in batches. */
  read(range?: TimeRange, signal?: AbortSignal): AsyncIterable<readonly (Bar | Tick)[]>;
  /** Counts so far; final once `read` has finished. */
  stats?(): DataSourceStats;
  close?(): Promise<void>;
}

/** A source that yields nothing; useful in tests. */
export class NullDataSource implements DataSource {
  readonly output = { type: 'bars', timeframe: '1m' } as const;
  readonly symbols: readonly string[] = [];
  readonly live = false;
  async *read(): AsyncIterable<readonly Bar[]> {}
}
