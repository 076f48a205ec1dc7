import { ExchangeClosedByUser, type OHLCV } from 'ccxt';
import { timeframeToMs, type Bar, type Clock, type DataSource, type DataSourceStats, type TimeRange } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { AsyncQueue } from '../core/async-queue.js';
import { ExponentialBackoff, type BackoffOptions } from '../core/backoff.js';
import { mergePages } from '../core/bar-merge.js';
import type { Scheduler } from '../core/scheduler.js';
import { classifyCcxtError } from './ccxt-errors.js';
import { createCcxtExchange, loadMarketsAgain, type CcxtExchange } from './ccxt-exchange.js';
import type { CcxtDataOptions } from './ccxt-options.js';

/** What the ccxt data source runs with. */
export interface CcxtDataDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler: Scheduler;
  readonly backoff: BackoffOptions;
  /** A ready exchange client (tests and the CLI pass their own). */
  readonly exchange?: CcxtExchange;
}

/**
 * Bars from a ccxt exchange: history through paginated `fetchOHLCV` (only closed bars, time-ordered across
 * symbols), then — with `live` — closed bars from the websocket candle stream (`watchOHLCV`); a candle is
 * published when the next one starts. After a dropped stream it reconnects with backoff and fills the gap over REST.
 */
export class CcxtDataSource implements DataSource {
  readonly output: { readonly type: 'bars'; readonly timeframe: string };
  readonly symbols: readonly string[];
  readonly live: boolean;
  readonly exchange: CcxtExchange;
  private readonly timeframeMs: number;
  private emitted = 0;
  private read_ = 0;
  /** Start of the last bar published per symbol. */
  private readonly lastStart = new Map<string, number>();

  constructor(
    private readonly options: CcxtDataOptions,
    private readonly dependencies: CcxtDataDependencies,
  ) {
    this.exchange = dependencies.exchange ?? createCcxtExchange(options);
    this.output = { type: 'bars', timeframe: options.timeframe };
    this.symbols = options.symbols;
    this.live = options.live;
    this.timeframeMs = timeframeToMs(options.timeframe);
  }

  async *read(range: TimeRange = {}, signal?: AbortSignal): AsyncIterable<readonly Bar[]> {
    await this.classified(() => loadMarketsAgain(this.exchange));
    const to = range.to ?? Number.POSITIVE_INFINITY;
    for await (const batch of this.history(range.from, to, signal)) yield batch;
    if (!this.live || signal?.aborted) return;
    yield* this.follow(to, signal);
  }

  stats(): DataSourceStats {
    return { rowsRead: this.read_, recordsEmitted: this.emitted, rowsRejected: 0 };
  }

  async close(): Promise<void> {
    await this.exchange.close();
  }

  /** Kernel hook: closes the exchange's connections. */
  dispose(): Promise<void> {
    return this.close();
  }

  /** Closed bars of every symbol from `from` (default: the latest page) until `to` or now, merged by time. */
  history(from: number | undefined, to: number, signal?: AbortSignal): AsyncGenerator<Bar[]> {
    const cursors = new Map<string, number | undefined>(this.symbols.map((symbol) => [symbol, from]));
    const finished = new Set<string>();
    const fetchPage = async (symbol: string): Promise<Bar[]> => {
      if (finished.has(symbol)) return [];
      const since = cursors.get(symbol);
      const rows = await this.classified(() => this.exchange.fetchOHLCV(symbol, this.options.timeframe, since, this.options.pageSize));
      this.read_ += rows.length;
      const now = this.dependencies.clock.now();
      const bars = rows
        .map((row) => this.toBar(symbol, row))
        .filter((bar) => (since === undefined || bar.start >= since) && bar.start < to && bar.end <= now && bar.start > (this.lastStart.get(symbol) ?? Number.NEGATIVE_INFINITY));
      const last = bars.at(-1);
      // A short page, or one past the range, is the end of this symbol's history
      if (last === undefined || since === undefined || rows.length < this.options.pageSize || last.start + this.timeframeMs >= to) finished.add(symbol);
      if (last !== undefined) {
        cursors.set(symbol, last.start + this.timeframeMs);
        this.lastStart.set(symbol, last.start);
      }
      return bars;
    };
    const count = (batch: Bar[]): Bar[] => {
      this.emitted += batch.length;
      return batch;
    };
    const self = this;
    return (async function* () {
      for await (const batch of mergePages(self.symbols, fetchPage, 512, signal)) yield count(batch);
    })();
  }

  private async *follow(to: number, signal?: AbortSignal): AsyncGenerator<Bar[]> {
    const queue = new AsyncQueue<Bar>();
    const stop = new AbortController();
    const onAbort = (): void => {
      stop.abort();
      queue.close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const watchers = this.symbols.map((symbol) => this.watch(symbol, queue, stop.signal));
    try {
      for (;;) {
        const bars = await queue.take();
        if (bars.length === 0) return;
        const inRange = bars.filter((bar) => bar.start < to);
        if (inRange.length > 0) {
          this.emitted += inRange.length;
          yield inRange;
        }
        if (inRange.length < bars.length) return;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stop.abort();
      await this.exchange.close();
      await Promise.allSettled(watchers);
    }
  }

  // One symbol's candle stream: publishes a candle when the next one starts; reconnects and backfills over REST
  private async watch(symbol: string, queue: AsyncQueue<Bar>, signal: AbortSignal): Promise<void> {
    const backoff = new ExponentialBackoff(this.dependencies.backoff);
    let forming: OHLCV | undefined;
    let fresh = true;
    while (!signal.aborted) {
      try {
        const candles = await this.exchange.watchOHLCV(symbol, this.options.timeframe);
        backoff.reset();
        const first = candles[0];
        const last = this.lastStart.get(symbol);
        if (fresh && first !== undefined && last !== undefined && Number(first[0]) > last + this.timeframeMs) {
          // Bars closed between the history (or the dropped stream) and this candle come over REST
          for await (const batch of this.historyOf(symbol, last + this.timeframeMs, signal)) for (const bar of batch) queue.push(bar);
        }
        fresh = false;
        for (const candle of candles) {
          if (forming !== undefined && Number(candle[0]) > Number(forming[0])) this.publish(symbol, forming, queue);
          if (forming === undefined || Number(candle[0]) >= Number(forming[0])) forming = candle;
        }
      } catch (error) {
        if (signal.aborted || error instanceof ExchangeClosedByUser) return;
        const classified = classifyCcxtError(this.options.exchange, error, { headers: this.exchange.last_response_headers, body: this.exchange.last_http_response });
        if (!classified.retryable) return queue.fail(classified);
        const delay = Math.max(classified.retryAfterMs ?? 0, backoff.next());
        this.dependencies.logger.warn({ venue: this.options.exchange, symbol, delayMs: delay, err: classified.message }, 'candle stream dropped; reconnecting');
        await this.dependencies.scheduler.sleep(delay, signal);
        fresh = true;
        forming = undefined;
      }
    }
  }

  private historyOf(symbol: string, from: number, signal: AbortSignal): AsyncGenerator<Bar[]> {
    const single = new CcxtDataSource({ ...this.options, symbols: [symbol], live: false }, { ...this.dependencies, exchange: this.exchange });
    single.lastStart.set(symbol, this.lastStart.get(symbol) ?? Number.NEGATIVE_INFINITY);
    const self = this;
    return (async function* () {
      for await (const batch of single.history(from, Number.POSITIVE_INFINITY, signal)) {
        const last = batch.at(-1);
        if (last !== undefined) self.lastStart.set(symbol, last.start);
        yield batch;
      }
    })();
  }

  // Venue errors leave the source classified (rate limits carry the venue's Retry-After)
  private async classified<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw classifyCcxtError(this.options.exchange, error, { headers: this.exchange.last_response_headers, body: this.exchange.last_http_response });
    }
  }

  private publish(symbol: string, candle: OHLCV, queue: AsyncQueue<Bar>): void {
    const bar = this.toBar(symbol, candle);
    if (bar.start <= (this.lastStart.get(symbol) ?? Number.NEGATIVE_INFINITY)) return;
    this.lastStart.set(symbol, bar.start);
    queue.push(bar);
  }

  private toBar(symbol: string, row: OHLCV): Bar {
    const start = Number(row[0]);
    return Object.freeze({
      symbol,
      timeframe: this.options.timeframe,
      start,
      end: start + this.timeframeMs,
      open: Number(row[1]),
      high: Number(row[2]),
      low: Number(row[3]),
      close: Number(row[4]),
      volume: Number(row[5] ?? 0),
      synthetic: false,
    });
  }
}
