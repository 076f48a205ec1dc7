import { createSilentLogger, SimulatedClock, type Bar } from '@grandmodel/framework';
import { waitFor } from '@grandmodel/framework/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffOptions } from '../src/core/backoff.js';
import { VirtualScheduler } from '../src/core/scheduler.js';
import { CcxtDataSource } from '../src/ccxt/ccxt-data-source.js';
import { ccxtDataOptions } from '../src/ccxt/ccxt-options.js';
import { FakeBinance, type FakeKline } from './fakes/fake-binance.js';

const MINUTE = 60_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

/** A deterministic 1-minute series: a slow sine around a base price. */
function series(count: number, base: number, start = T0): FakeKline[] {
  return Array.from({ length: count }, (_, index) => {
    const open = base + 10 * Math.sin(index / 7);
    const close = base + 10 * Math.sin((index + 1) / 7);
    return { start: start + index * MINUTE, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 1 + (index % 5) };
  });
}

let fake: FakeBinance | undefined;
let source: CcxtDataSource | undefined;
afterEach(async () => {
  await source?.close();
  await fake?.stop();
  source = undefined;
  fake = undefined;
});

async function start(options: Record<string, unknown>, now: number) {
  fake = new FakeBinance();
  await fake.start();
  const clock = new SimulatedClock(now);
  source = new CcxtDataSource(
    ccxtDataOptions.parse({ exchange: 'binance', urls: fake.ccxtUrls(), exchangeOptions: { fetchMarkets: { types: ['spot'] } }, enableRateLimit: false, ...options }),
    { clock, logger: createSilentLogger(), scheduler: new VirtualScheduler(clock), backoff: backoffOptions.parse({ initialMs: 100 }) },
  );
  return { fake, source, clock };
}

async function collect(iterable: AsyncIterable<readonly Bar[]>): Promise<{ bars: Bar[]; batches: number }> {
  const bars: Bar[] = [];
  let batches = 0;
  for await (const batch of iterable) {
    batches++;
    bars.push(...batch);
  }
  return { bars, batches };
}

describe('ccxt data source against a fake Binance (real ccxt client)', () => {
  it('pages through history and returns exactly the requested closed bars', async () => {
    const klines = series(2_500, 50_000);
    const { fake, source } = await start({ symbols: ['BTC/USDT'], pageSize: 1_000 }, T0 + 3_000 * MINUTE);
    fake.klines.set('BTCUSDT', klines);
    const from = T0 + 100 * MINUTE;
    const to = T0 + 2_300 * MINUTE;
    const { bars } = await collect(source.read({ from, to }));
    const expected = klines.filter((kline) => kline.start >= from && kline.start < to);
    expect(bars).toHaveLength(2_200);
    expect(bars.map((bar) => [bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume])).toEqual(expected.map((k) => [k.start, k.open, k.high, k.low, k.close, k.volume]));
    expect(bars.every((bar) => bar.symbol === 'BTC/USDT' && bar.timeframe === '1m' && bar.end === bar.start + MINUTE && !bar.synthetic)).toBe(true);
    // 2 200 bars in pages of 1 000: three kline requests
    expect(fake.requests.filter((request) => request === 'GET /api/v3/klines')).toHaveLength(3);
    expect(source.stats()).toMatchObject({ recordsEmitted: 2_200, rowsRejected: 0 });
  });

  it('leaves out the bar still forming at the current time', async () => {
    const klines = series(10, 100);
    const { fake, source } = await start({ symbols: ['BTC/USDT'] }, T0 + 9 * MINUTE + 30_000);
    fake.klines.set('BTCUSDT', klines);
    const { bars } = await collect(source.read({ from: T0 }));
    expect(bars.map((bar) => bar.start)).toEqual(klines.slice(0, 9).map((kline) => kline.start));
  });

  it('merges several symbols into one time-ordered stream', async () => {
    const { fake, source } = await start({ symbols: ['BTC/USDT', 'ETH/USDT'], pageSize: 40 }, T0 + 1_000 * MINUTE);
    fake.klines.set('BTCUSDT', series(100, 50_000));
    // ETH starts 30 minutes later
    fake.klines.set('ETHUSDT', series(100, 3_000, T0 + 30 * MINUTE));
    const { bars } = await collect(source.read({ from: T0, to: T0 + 200 * MINUTE }));
    expect(bars).toHaveLength(200);
    for (let index = 1; index < bars.length; index++) expect(bars[index]!.start).toBeGreaterThanOrEqual(bars[index - 1]!.start);
    expect(bars.filter((bar) => bar.symbol === 'ETH/USDT').map((bar) => bar.start)).toEqual(series(100, 0, T0 + 30 * MINUTE).map((kline) => kline.start));
  });

  it('follows live candles, publishing each when the next starts, and fills a dropped stream from REST', async () => {
    const klines = series(20, 100);
    const { fake, source, clock } = await start({ symbols: ['BTC/USDT'], live: true }, T0 + 10 * MINUTE + 5_000);
    fake.klines.set('BTCUSDT', klines.slice(0, 10));
    const seen: Bar[] = [];
    const abort = new AbortController();
    const reading = (async () => {
      for await (const batch of source.read({ from: T0 }, abort.signal)) seen.push(...batch);
    })();
    await waitFor(() => seen.length === 10 && fake.subscribers('btcusdt@kline_1m') === 1, 'the history and the subscription');
    // Minute 10 forms, then minute 11 starts: minute 10 is closed
    fake.pushKline('BTCUSDT', '1m', klines[10]!, false);
    fake.pushKline('BTCUSDT', '1m', klines[11]!, false);
    await waitFor(() => seen.length === 11, 'the first live bar');
    expect(seen[10]).toMatchObject({ start: klines[10]!.start, close: klines[10]!.close });
    // The stream drops while minutes 11-13 close; after the reconnect they come over REST
    fake.klines.set('BTCUSDT', klines.slice(0, 14));
    clock.set(T0 + 15 * MINUTE + 5_000);
    fake.dropStreams();
    await waitFor(() => fake.marketSubscriptions === 2 && fake.subscribers('btcusdt@kline_1m') === 1, 'the resubscription', 10_000);
    fake.pushKline('BTCUSDT', '1m', klines[15]!, false);
    await waitFor(() => seen.length === 14, 'the backfilled bars');
    expect(seen.map((bar) => bar.start)).toEqual(klines.slice(0, 14).map((kline) => kline.start));
    abort.abort();
    await reading;
  });
});
