import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The command module is the framework's; the lead registers it as `grandmodel broker check`
import { brokerCheckCommand } from '../../framework/src/cli/commands/broker-check-command.js';
import { FakeAlpaca } from './fakes/fake-alpaca.js';
import { FakeBinance } from './fakes/fake-binance.js';
import { memoryIo } from '@grandmodel/framework/testing';

const pluginEntry = resolve(dirname(fileURLToPath(import.meta.url)), '../src/index.ts');
const MINUTE = 60_000;

let dir: string;
let binance: FakeBinance | undefined;
let alpaca: FakeAlpaca | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gm-check-'));
});
afterEach(async () => {
  await binance?.stop();
  await alpaca?.stop();
  binance = undefined;
  alpaca = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A live ccxt config for the fake, credentials as ${ENV} references, written as JSON. */
async function binanceConfig(): Promise<string> {
  binance = new FakeBinance();
  await binance.start();
  const now = Date.now();
  const start = Math.floor(now / MINUTE) * MINUTE - 300 * MINUTE;
  binance.klines.set('BTCUSDT', Array.from({ length: 300 }, (_, index) => ({ start: start + index * MINUTE, open: 40_000, high: 40_010, low: 39_990, close: 40_000.02 + index, volume: 1 })));
  const connection = { exchange: 'binance', urls: binance.ccxtUrls(), exchangeOptions: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false }, enableRateLimit: false };
  const config = {
    plugins: [pluginEntry],
    mode: 'live',
    instruments: [{ symbol: 'BTC/USDT', tickSize: 0.01 }],
    data: { use: 'ccxt-data', options: { ...connection, symbols: ['BTC/USDT'], timeframe: '1m', live: true } },
    broker: { use: 'ccxt', options: { ...connection, apiKey: '${BINANCE_KEY}', secret: '${BINANCE_SECRET}', symbols: ['BTC/USDT'], resilience: { reconcileIntervalMs: 0 } } },
  };
  writeFileSync(join(dir, 'live.json'), JSON.stringify(config));
  return 'live.json';
}

describe('grandmodel broker check (against fake venues)', () => {
  it('prints capabilities, account, balances, positions and open orders', async () => {
    const config = await binanceConfig();
    const io = memoryIo(dir, { BINANCE_KEY: binance!.apiKey, BINANCE_SECRET: binance!.secret });
    const code = await brokerCheckCommand(config, {}, io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('broker     ccxt, venue binance, mode live');
    expect(out).toContain('supports   market, limit, stop, stopLimit, cancel, modify, fetchAccount, fetchPositions (emulated), fetchOpenOrders, orderStream');
    expect(out).toContain('account    USDT: cash 1000000, equity 1000000');
    expect(out).toContain('balances   USDT 1000000, BTC 10, ETH 100');
    expect(out).toContain('positions  BTC/USDT 10');
    expect(out).toContain('open       no orders');
    expect(out).toContain('broker check passed');
    expect(out + io.err()).not.toContain(binance!.secret);
  });

  it('with --order-test places a limit buy at half the last close and cancels it', async () => {
    const config = await binanceConfig();
    const io = memoryIo(dir, { BINANCE_KEY: binance!.apiKey, BINANCE_SECRET: binance!.secret });
    const code = await brokerCheckCommand(config, { orderTest: true, quantity: 0.001 }, io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    // The last close is 40 000.02 + 299 = 40 299.02: half is 20 149.51
    expect(io.out()).toMatch(/order test limit buy 0\.001 BTC\/USDT @ 20149\.51 \(client id gm-check-\d+\)\n {11}accepted\n {11}canceled\n/);
    const [order] = [...binance!.book.orders.values()];
    expect(order).toMatchObject({ symbol: 'BTCUSDT', side: 'buy', quantity: 0.001, limitPrice: 20_149.51, status: 'canceled' });
    expect(binance!.requests).toContain('DELETE /api/v3/order');
  });

  it('exits 1 with the error code and the venue code when the credentials are refused', async () => {
    const config = await binanceConfig();
    const io = memoryIo(dir, { BINANCE_KEY: binance!.apiKey, BINANCE_SECRET: 'a-wrong-secret-value' });
    const code = await brokerCheckCommand(config, {}, io);
    expect(code).toBe(1);
    expect(io.err()).toContain('broker check failed: GM_BROKER_AUTH_FAILED [venue: -1022 Signature for this request is not valid.]');
    expect(io.out() + io.err()).not.toContain('a-wrong-secret-value');
  });

  it('checks an Alpaca account and reports a rejected test order as a failure', async () => {
    alpaca = new FakeAlpaca();
    await alpaca.start();
    const connection = { keyId: '${APCA_KEY}', secretKey: '${APCA_SECRET}', dataBaseUrl: alpaca.baseUrl, clientRateLimit: false };
    writeFileSync(
      join(dir, 'alpaca.json'),
      JSON.stringify({
        plugins: [pluginEntry],
        mode: 'paper',
        data: { use: 'alpaca-data', options: { ...connection, symbols: ['AAPL'], timeframe: '1m' } },
        broker: { use: 'alpaca', options: { ...connection, baseUrl: alpaca.baseUrl, streamUrl: alpaca.streamUrl, resilience: { reconcileIntervalMs: 0 } } },
      }),
    );
    const env = { APCA_KEY: alpaca.keyId, APCA_SECRET: alpaca.secretKey };
    const io = memoryIo(dir, env);
    expect(await brokerCheckCommand('alpaca.json', {}, io)).toBe(0);
    expect(io.out()).toContain('account    USD: cash 100000, equity 101900, buying power 200000');
    expect(io.out()).toContain('positions  AAPL 10 @ 150');
    // 10 000 shares at 100 need 1M USD: the fake account has 100 000
    const rejected = memoryIo(dir, env);
    expect(await brokerCheckCommand('alpaca.json', { orderTest: true, symbol: 'AAPL', quantity: 10_000, price: 100 }, rejected)).toBe(1);
    expect(rejected.err()).toContain('broker check failed: GM_BROKER_INSUFFICIENT_FUNDS [venue: 40310000 insufficient buying power]');
  });
});
