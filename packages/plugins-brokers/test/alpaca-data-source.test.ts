import { createSilentLogger, SimulatedClock, type Bar } from '@grandmodel/framework';
import { waitFor } from '@grandmodel/framework/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { AlpacaDataSource, alpacaTimeframe } from '../src/alpaca/alpaca-data-source.js';
import { alpacaDataOptions } from '../src/alpaca/alpaca-options.js';
import { backoffOptions } from '../src/core/backoff.js';
import { VirtualScheduler } from '../src/core/scheduler.js';
import { FakeAlpaca, type FakeAlpacaBar } from './fakes/fake-alpaca.js';

const MINUTE = 60_000;
const T0 = Date.parse('2024-06-03T13:30:00Z');

function minuteBars(count: number, base: number, start = T0): FakeAlpacaBar[] {
  return Array.from({ length: count }, (_, index) => {
    const open = base + (index % 7) - 3;
    const close = open + ((index % 3) - 1) * 0.5;
    return { start: start + index * MINUTE, open, high: Math.max(open, close) + 0.25, low: Math.min(open, close) - 0.25, close, volume: 100 + index };
  });
}

let fake: FakeAlpaca | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function source(options: Record<string, unknown>, now: number) {
  fake = new FakeAlpaca();
  await fake.start();
  const clock = new SimulatedClock(now);
  const data = new AlpacaDataSource(
    alpacaDataOptions.parse({ keyId: fake.keyId, secretKey: fake.secretKey, dataBaseUrl: fake.baseUrl, streamUrl: fake.dataStreamUrl, clientRateLimit: false, ...options }),
    { clock, logger: createSilentLogger(), scheduler: new VirtualScheduler(clock), backoff: backoffOptions.parse({ initialMs: 100 }) },
  );
  return { fake, data, clock };
}

describe('alpaca data source against a fake Alpaca (real SDK)', () => {
  it('maps framework timeframes to Alpaca timeframes', () => {
    expect([alpacaTimeframe('1m'), alpacaTimeframe('15m'), alpacaTimeframe('1h'), alpacaTimeframe('1d')]).toEqual(['1Min', '15Min', '1Hour', '1Day']);
  });

  it('follows page tokens through the history of two symbols and merges them by time', async () => {
    const { fake, data } = await source({ symbols: ['AAPL', 'MSFT'], pageSize: 50 }, T0 + 500 * MINUTE);
    fake.pageLimit = 50;
    const aapl = minuteBars(130, 190);
    const msft = minuteBars(120, 410, T0 + 5 * MINUTE);
    fake.bars.set('AAPL', aapl);
    fake.bars.set('MSFT', msft);
    const bars: Bar[] = [];
    for await (const batch of data.read({ from: T0, to: T0 + 400 * MINUTE })) bars.push(...batch);
    expect(bars).toHaveLength(250);
    for (let index = 1; index < bars.length; index++) expect(bars[index]!.start).toBeGreaterThanOrEqual(bars[index - 1]!.start);
    expect(bars.filter((bar) => bar.symbol === 'AAPL').map((bar) => [bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume])).toEqual(aapl.map((bar) => [bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume]));
    // 130 AAPL bars in pages of 50: 3 requests; 120 MSFT: 3 requests
    expect(fake.requests.filter((request) => request === 'GET /v2/stocks/bars')).toHaveLength(6);
  });

  it('reads crypto history from the crypto endpoint', async () => {
    const { fake, data } = await source({ symbols: ['BTC/USD'] }, T0 + 100 * MINUTE);
    fake.bars.set('BTC/USD', minuteBars(10, 60_000));
    const bars: Bar[] = [];
    for await (const batch of data.read({ from: T0 })) bars.push(...batch);
    expect(bars.map((bar) => [bar.symbol, bar.start])).toEqual(minuteBars(10, 0).map((bar) => ['BTC/USD', bar.start]));
    expect(fake.requests).toContain('GET /v1beta3/crypto/us/bars');
  });

  it('streams live minute bars over msgpack and backfills what a dropped stream missed', async () => {
    const bars = minuteBars(12, 190);
    const { fake, data, clock } = await source({ symbols: ['AAPL'], live: true }, T0 + 5 * MINUTE + 1_000);
    fake.bars.set('AAPL', bars.slice(0, 5));
    const seen: Bar[] = [];
    const abort = new AbortController();
    const reading = (async () => {
      for await (const batch of data.read({ from: T0 }, abort.signal)) seen.push(...batch);
    })();
    await waitFor(() => seen.length === 5 && fake.dataSubscriptions === 1, 'history and subscription');
    fake.pushBar('AAPL', bars[5]!);
    await waitFor(() => seen.length === 6, 'a live bar');
    expect(seen[5]).toMatchObject({ symbol: 'AAPL', start: bars[5]!.start, open: bars[5]!.open, close: bars[5]!.close, volume: bars[5]!.volume, end: bars[5]!.start + MINUTE });
    // Minutes 6-8 close while the stream is down; REST has them after the reconnect
    fake.bars.set('AAPL', bars.slice(0, 9));
    clock.set(T0 + 9 * MINUTE + 1_000);
    fake.dropStreams();
    await waitFor(() => seen.length === 9, 'the backfill after the reconnect', 10_000);
    expect(fake.dataSubscriptions).toBe(2);
    fake.pushBar('AAPL', bars[9]!);
    await waitFor(() => seen.length === 10, 'live bars after the reconnect');
    expect(seen.map((bar) => bar.start)).toEqual(bars.slice(0, 10).map((bar) => bar.start));
    abort.abort();
    await reading;
  });

  it('rejects live data at a timeframe Alpaca does not stream', () => {
    const parsed = alpacaDataOptions.safeParse({ keyId: 'k', secretKey: 's', symbols: ['AAPL'], timeframe: '5m', live: true });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['timeframe'], message: expect.stringContaining('use timeframe 1m') });
  });
});
