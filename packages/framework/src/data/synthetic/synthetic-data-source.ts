import type { DataSource, DataSourceOutput, DataSourceStats, TimeRange } from '../../kinds/data-source.js';
import type { Bar } from '../../model/bar.js';
import { definePlugin } from '../../plugin/define-plugin.js';
import { SyntheticMarket } from './synthetic-market.js';
import { syntheticMarketOptions, type SyntheticMarketInput } from './synthetic-market-options.js';

const BATCH_SIZE = 4096;

/**
 * A data source over the synthetic market: the same bars `writeSyntheticCsv` would write, without a file.
 * A restricted `range` yields the same bars as a full read filtered to it (the path never depends on it).
 */
export class SyntheticDataSource implements DataSource {
  readonly output: DataSourceOutput;
  readonly symbols: readonly string[];
  readonly live = false;
  private readonly market: SyntheticMarket;
  private counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0 };

  constructor(options: SyntheticMarketInput = {}) {
    this.market = new SyntheticMarket(options);
    this.output = { type: 'bars', timeframe: this.market.options.timeframe };
    this.symbols = Object.freeze([this.market.options.symbol]);
  }

  /** Yields bars whose start lies in `range`, in batches. */
  async *read(range: TimeRange = {}, signal?: AbortSignal): AsyncGenerator<readonly Bar[]> {
    const from = range.from ?? Number.NEGATIVE_INFINITY;
    const to = range.to ?? Number.POSITIVE_INFINITY;
    this.counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0 };
    let batch: Bar[] = [];
    for (const bar of this.market) {
      this.counts.rowsRead++;
      if (bar.start >= to) break;
      if (bar.start < from) continue;
      batch.push(bar);
      if (batch.length === BATCH_SIZE) {
        this.counts.recordsEmitted += batch.length;
        yield batch;
        batch = [];
        if (signal?.aborted === true) return;
      }
    }
    this.counts.recordsEmitted += batch.length;
    if (batch.length > 0) yield batch;
  }

  /** Bars generated and emitted by the last read. */
  stats(): DataSourceStats {
    return { ...this.counts };
  }
}

/**
 * The `synthetic` data-source plugin: a seeded synthetic market, no file needed.
 * @example
 * data: { use: synthetic, options: { symbol: NQ, from: 2024-01-01, to: 2024-03-01, seed: 7, tickSize: 0.25, startPrice: 17000 } }
 */
export const syntheticDataSourcePlugin = definePlugin({
  manifest: {
    id: 'synthetic',
    kind: 'data-source',
    version: '0.1.0',
    apiVersion: 1,
    description: 'Seeded synthetic bars: regime switching, volatility clustering, sessions, tick rounding',
  },
  options: syntheticMarketOptions,
  create: (context) => new SyntheticDataSource(context.options),
});
