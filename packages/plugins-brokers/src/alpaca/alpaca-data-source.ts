import { streaming, timeFrame, TimeFrameUnit, type Alpaca } from '@alpacahq/alpaca-trade-api';
import { BrokerError, timeframeToMs, type Bar, type Clock, type DataSource, type DataSourceStats, type TimeRange } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { AsyncQueue } from '../core/async-queue.js';
import { ExponentialBackoff, type BackoffOptions } from '../core/backoff.js';
import { mergePages } from '../core/bar-merge.js';
import type { Scheduler } from '../core/scheduler.js';
import { createAlpacaClient } from './alpaca-client.js';
import { classifyAlpacaError } from './alpaca-errors.js';
import type { AlpacaDataOptions } from './alpaca-options.js';

/** What the Alpaca data source runs with. */
export interface AlpacaDataDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler: Scheduler;
  readonly backoff: BackoffOptions;
}

interface RawBar {
  readonly t: string | Date;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

/** Alpaca's timeframe string for a framework timeframe (`15m` → `15Min`). */
export function alpacaTimeframe(timeframe: string): ReturnType<typeof timeFrame> {
  const amount = Number.parseInt(timeframe, 10);
  const unit = timeframe.at(-1);
  return timeFrame(amount, unit === 'm' ? TimeFrameUnit.Minute : unit === 'h' ? TimeFrameUnit.Hour : TimeFrameUnit.Day);
}

/**
 * Bars from Alpaca (stocks or crypto): history through the paginated bars endpoints (page tokens followed by the
 * SDK, one symbol per request so the merge stays time-ordered), then — with `live` — minute bars from the
 * market-data stream. A dropped stream reconnects with backoff and fills the gap over REST.
 */
export class AlpacaDataSource implements DataSource {
  readonly output: { readonly type: 'bars'; readonly timeframe: string };
  readonly symbols: readonly string[];
  readonly live: boolean;
  readonly client: Alpaca;
  private readonly crypto: boolean;
  private readonly timeframeMs: number;
  private readonly lastStart = new Map<string, number>();
  private rows = 0;
  private emitted = 0;

  constructor(
    private readonly options: AlpacaDataOptions,
    private readonly dependencies: AlpacaDataDependencies,
  ) {
    this.client = createAlpacaClient(options);
    this.output = { type: 'bars', timeframe: options.timeframe };
    this.symbols = options.symbols;
    this.live = options.live;
    this.crypto = options.symbols[0]!.includes('/');
    this.timeframeMs = timeframeToMs(options.timeframe);
  }

  async *read(range: TimeRange = {}, signal?: AbortSignal): AsyncIterable<readonly Bar[]> {
    const to = range.to ?? Number.POSITIVE_INFINITY;
    for await (const batch of this.history(this.symbols, range.from ?? this.dependencies.clock.now() - 1_000 * this.timeframeMs, to, signal)) {
      this.emitted += batch.length;
      yield batch;
    }
    if (this.live && !signal?.aborted) yield* this.follow(to, signal);
  }

  stats(): DataSourceStats {
    return { rowsRead: this.rows, recordsEmitted: this.emitted, rowsRejected: 0 };
  }

  async close(): Promise<void> {}

  /** Closed bars of the symbols in [from, to), merged by time. */
  history(symbols: readonly string[], from: number, to: number, signal?: AbortSignal): AsyncGenerator<Bar[]> {
    const end = Math.min(to, this.dependencies.clock.now());
    const iterators = new Map<string, AsyncIterator<{ symbol: string; value: RawBar }>>();
    const request = (symbol: string) => ({
      symbols: [symbol],
      timeframe: alpacaTimeframe(this.options.timeframe),
      start: new Date(from),
      end: new Date(end - 1),
      limit: this.options.pageSize,
    });
    const iteratorOf = (symbol: string): AsyncIterator<{ symbol: string; value: RawBar }> => {
      let iterator = iterators.get(symbol);
      if (iterator === undefined) {
        // History has no delayed feed: delayed_sip reads the SIP history
        const feed = this.options.feed === 'delayed_sip' ? 'sip' : this.options.feed;
        const iterable = (this.crypto ? this.client.marketData.iterateCryptoBars({ ...request(symbol), loc: 'us' }) : this.client.marketData.iterateStockBars({ ...request(symbol), feed })) as AsyncIterable<{ symbol: string; value: RawBar }>;
        iterator = iterable[Symbol.asyncIterator]();
        iterators.set(symbol, iterator);
      }
      return iterator;
    };
    const fetchPage = async (symbol: string): Promise<Bar[]> => {
      const page: Bar[] = [];
      const iterator = iteratorOf(symbol);
      while (page.length < this.options.pageSize) {
        let next: IteratorResult<{ symbol: string; value: RawBar }>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw classifyAlpacaError(error);
        }
        if (next.done === true) break;
        this.rows++;
        const bar = this.toBar(symbol, next.value.value);
        if (bar.start >= from && bar.start < to && bar.end <= this.dependencies.clock.now() && bar.start > (this.lastStart.get(symbol) ?? Number.NEGATIVE_INFINITY)) {
          page.push(bar);
          this.lastStart.set(symbol, bar.start);
        }
      }
      return page;
    };
    return mergePages(symbols, fetchPage, 512, signal);
  }

  private async *follow(to: number, signal?: AbortSignal): AsyncGenerator<Bar[]> {
    const queue = new AsyncQueue<Bar>();
    const stop = new AbortController();
    const onAbort = (): void => {
      stop.abort();
      queue.close();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const supervisor = this.supervise(queue, stop.signal).then(() => queue.close());
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
      await supervisor;
    }
  }

  // Keeps the market-data stream connected; after every (re)connection, bars missed meanwhile come over REST
  private async supervise(queue: AsyncQueue<Bar>, signal: AbortSignal): Promise<void> {
    const backoff = new ExponentialBackoff(this.dependencies.backoff);
    while (!signal.aborted) {
      try {
        await this.stream(queue, signal, async () => {
          backoff.reset();
          for (const symbol of this.symbols) {
            const last = this.lastStart.get(symbol);
            if (last === undefined) continue;
            for await (const batch of this.history([symbol], last + this.timeframeMs, Number.POSITIVE_INFINITY, signal)) for (const bar of batch) queue.push(bar);
          }
        });
      } catch (error) {
        if (signal.aborted) return;
        const classified = classifyAlpacaError(error);
        if (!classified.retryable) return queue.fail(classified);
        const delay = Math.max(classified.retryAfterMs ?? 0, backoff.next());
        this.dependencies.logger.warn({ venue: 'alpaca', delayMs: delay, err: classified.message }, 'market-data stream dropped; reconnecting');
        await this.dependencies.scheduler.sleep(delay, signal);
      }
    }
  }

  private stream(queue: AsyncQueue<Bar>, signal: AbortSignal, onSubscribed: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const options = { reconnect: false, ...(this.options.streamUrl === undefined ? {} : { url: this.options.streamUrl }) };
      const stream = this.crypto ? this.client.marketData.cryptoStream(options) : this.client.marketData.stockStream({ ...options, feed: this.options.feed });
      let settled = false;
      const finish = (error?: BrokerError): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        stream.removeAllListeners();
        stream.disconnect();
        if (error === undefined || signal.aborted) resolve();
        else reject(error);
      };
      const onAbort = (): void => finish();
      signal.addEventListener('abort', onAbort, { once: true });
      let subscribed = false;
      stream.onBar((bar) => {
        const converted = this.toBar(bar.symbol, { t: bar.timestamp, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume });
        if (converted.start <= (this.lastStart.get(bar.symbol) ?? Number.NEGATIVE_INFINITY)) return;
        this.lastStart.set(bar.symbol, converted.start);
        queue.push(converted);
      });
      stream.on(streaming.EVENT.SUBSCRIPTION, () => {
        if (subscribed) return;
        subscribed = true;
        onSubscribed().catch((error: unknown) => finish(classifyAlpacaError(error)));
      });
      stream.onDisconnect(() => finish(new BrokerError('GM_BROKER_UNAVAILABLE', 'alpaca: the market-data stream disconnected', { venue: 'alpaca', retryable: true })));
      void stream.whenAuthenticated().then((result) => {
        if (result.status === streaming.STREAM_AUTH_STATUS.SERVER_REJECTED) {
          finish(new BrokerError('GM_BROKER_AUTH_FAILED', `alpaca: the market-data stream refused the credentials (${result.message})`, { venue: 'alpaca', retryable: false, venueMessage: result.message }));
        }
      });
      stream.subscribeForBars([...this.symbols]);
      stream.connect();
    });
  }

  private toBar(symbol: string, raw: RawBar): Bar {
    const start = raw.t instanceof Date ? raw.t.getTime() : Date.parse(raw.t);
    return Object.freeze({ symbol, timeframe: this.options.timeframe, start, end: start + this.timeframeMs, open: Number(raw.o), high: Number(raw.h), low: Number(raw.l), close: Number(raw.c), volume: Number(raw.v), synthetic: false });
  }
}
