import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The command module is the framework's; the lead registers it as `grandmodel data fetch`
import { dataFetchCommand } from '../../framework/src/cli/commands/data-fetch-command.js';
import { FakeAlpaca } from './fakes/fake-alpaca.js';
import { FakeBinance, type FakeKline } from './fakes/fake-binance.js';
import { memoryIo } from '@grandmodel/framework/testing';

const MINUTE = 60_000;
const T0 = Date.parse('2024-02-01T00:00:00Z');
const klines: FakeKline[] = Array.from({ length: 1_500 }, (_, index) => ({ start: T0 + index * MINUTE, open: 100 + index, high: 101 + index, low: 99 + index, close: 100.5 + index, volume: index + 1 }));
const row = (kline: FakeKline): string => `${new Date(kline.start).toISOString()},${kline.open},${kline.high},${kline.low},${kline.close},${kline.volume}`;

let dir: string;
let binance: FakeBinance | undefined;
let alpaca: FakeAlpaca | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gm-fetch-'));
});
afterEach(async () => {
  await binance?.stop();
  await alpaca?.stop();
  binance = undefined;
  alpaca = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function startBinance(): Promise<FakeBinance> {
  binance = new FakeBinance();
  await binance.start();
  binance.klines.set('BTCUSDT', klines);
  return binance;
}

/** Options that point ccxt at the fake (through --set, as a user would for a testnet). */
const binanceSet = (fake: FakeBinance): string[] => [
  `urls=${JSON.stringify(fake.ccxtUrls())}`,
  'exchangeOptions={"fetchMarkets":{"types":["spot"]}}',
  'enableRateLimit=false',
];

describe('grandmodel data fetch (against fake venues)', () => {
  it('downloads a range over several pages into a CSV the csv source reads', async () => {
    const fake = await startBinance();
    const io = memoryIo(dir);
    const code = await dataFetchCommand({ source: 'ccxt:binance', symbol: 'BTC/USDT', timeframe: '1m', from: '2024-02-01T00:10:00Z', to: '2024-02-01T20:00:00Z', out: 'btc.csv', set: binanceSet(fake) }, io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    // 00:10 to 20:00 is 1 190 minutes
    const expected = klines.slice(10, 1_200);
    expect(readFileSync(join(dir, 'btc.csv'), 'utf8')).toBe(`timestamp,open,high,low,close,volume\n${expected.map(row).join('\n')}\n`);
    expect(io.out()).toContain('1190 bars of BTC/USDT 1m written');
    expect(fake.requests.filter((request) => request === 'GET /api/v3/klines').length).toBeGreaterThanOrEqual(2);
  });

  it('resumes after the last row already in the file', async () => {
    const fake = await startBinance();
    writeFileSync(join(dir, 'btc.csv'), `timestamp,open,high,low,close,volume\n${klines.slice(0, 100).map(row).join('\n')}\n`);
    const io = memoryIo(dir);
    const code = await dataFetchCommand({ source: 'ccxt:binance', symbol: 'BTC/USDT', timeframe: '1m', from: '2024-02-01', to: '2024-02-01T05:00:00Z', out: 'btc.csv', set: binanceSet(fake) }, io);
    expect(code).toBe(0);
    expect(io.out()).toContain('resuming after 2024-02-01T01:39:00.000Z');
    expect(readFileSync(join(dir, 'btc.csv'), 'utf8')).toBe(`timestamp,open,high,low,close,volume\n${klines.slice(0, 300).map(row).join('\n')}\n`);
  });

  it('waits out a rate limit (Retry-After) and continues where it stopped', async () => {
    const fake = await startBinance();
    fake.retryAfterSeconds = 7;
    const waits: number[] = [];
    // The first klines page succeeds, the second is rate-limited twice
    let pages = 0;
    const original = fake.book.peekFailure.bind(fake.book);
    fake.book.peekFailure = () => {
      if (fake.requests.at(-1) === 'GET /api/v3/klines' && ++pages === 2) fake.book.failNext('rate-limit', 2);
      return original();
    };
    const io = memoryIo(dir);
    const code = await dataFetchCommand({ source: 'ccxt:binance', symbol: 'BTC/USDT', timeframe: '1m', from: '2024-02-01', to: '2024-02-02', out: 'btc.csv', set: binanceSet(fake) }, io, { sleep: async (ms) => void waits.push(ms) });
    expect(code).toBe(0);
    expect(waits).toEqual([7_000, 7_000]);
    // Bars reach the file in batches of 512: the failure hits at the 513th minute (08:32), twice
    expect(io.err()).toBe(
      'data fetch: GM_BROKER_RATE_LIMITED at 2024-02-01T08:32:00.000Z; retrying in 7000 ms (attempt 2 of 5)\n' +
        'data fetch: GM_BROKER_RATE_LIMITED at 2024-02-01T08:32:00.000Z; retrying in 7000 ms (attempt 3 of 5)\n',
    );
    const lines = readFileSync(join(dir, 'btc.csv'), 'utf8').trim().split('\n');
    expect(lines.slice(1)).toEqual(klines.slice(0, 1_440).map(row));
  });

  it('fetches Alpaca bars with credentials from the environment', async () => {
    alpaca = new FakeAlpaca();
    await alpaca.start();
    alpaca.bars.set('AAPL', klines.slice(0, 30).map((kline) => ({ ...kline })));
    const io = memoryIo(dir, { APCA_KEY: alpaca.keyId, APCA_SECRET: alpaca.secretKey });
    const code = await dataFetchCommand(
      { source: 'alpaca', symbol: 'AAPL', timeframe: '1m', from: '2024-02-01', to: '2024-02-01T00:20:00Z', out: 'data/aapl.csv', set: ['keyId=${APCA_KEY}', 'secretKey=${APCA_SECRET}', `dataBaseUrl=${alpaca.baseUrl}`, 'clientRateLimit=false'] },
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'data/aapl.csv'), 'utf8')).toBe(`timestamp,open,high,low,close,volume\n${klines.slice(0, 20).map(row).join('\n')}\n`);
    expect(io.out()).not.toContain(alpaca.secretKey);
  });

  it('explains a bad source or a permanent venue error, and exits 1', async () => {
    const io = memoryIo(dir);
    expect(await dataFetchCommand({ source: 'kraken', symbol: 'X', timeframe: '1m', from: '2024-01-01', out: 'x.csv' }, io)).toBe(1);
    expect(io.err()).toContain('--source: expected ccxt:<exchange> (e.g. ccxt:binance) or alpaca, was "kraken"');
    const fake = await startBinance();
    const bad = memoryIo(dir);
    expect(await dataFetchCommand({ source: 'ccxt:binance', symbol: 'NOPE/USDT', timeframe: '1m', from: '2024-02-01', to: '2024-02-02', out: 'nope.csv', set: binanceSet(fake) }, bad)).toBe(1);
    expect(bad.err()).toContain('GM_BROKER_BAD_SYMBOL');
    expect(bad.err()).toContain('run again to resume');
  });
});
