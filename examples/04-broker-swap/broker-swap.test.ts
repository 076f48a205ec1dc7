import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSilentLogger, Engine, loadSystem, type Bar, type ConfigInput, type Fill } from '@grandmodel/framework';
import { waitFor } from '@grandmodel/framework/testing';
import { brokerPlugins } from '@grandmodel/plugins-brokers';
// The fake venues live with the broker package's tests; the real ccxt and Alpaca clients talk to them
import { FakeAlpaca } from '../../packages/plugins-brokers/test/fakes/fake-alpaca.js';
import { FakeBinance } from '../../packages/plugins-brokers/test/fakes/fake-binance.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const MINUTE = 60_000;
const QUANTITY = 0.01;
const HISTORY = 40;

/** The strategy file plus one venue file: only `mode`, `data` and `broker` change. */
function configFor(venue: 'sim' | 'paper' | 'ccxt' | 'alpaca'): Record<string, unknown> {
  const base = parse(readFileSync(join(here, 'grandmodel.config.yaml'), 'utf8')) as Record<string, unknown>;
  const blocks = venue === 'sim' ? {} : (parse(readFileSync(join(here, 'venues', `${venue}.yaml`), 'utf8')) as Record<string, unknown>);
  // The plugins come in code (loadSystem's `plugins`), so the config does not load the package a second time
  const { plugins: _plugins, ...rest } = { ...base, ...blocks };
  return rest;
}

/**
 * 40 history minutes rising steadily (no crossing: nothing trades), then 30 live minutes: down, up, down again.
 * Starts so the history has closed by now.
 */
function marketBars(): { start: number; bars: { start: number; open: number; high: number; low: number; close: number; volume: number }[] } {
  const start = Math.floor(Date.now() / MINUTE) * MINUTE - HISTORY * MINUTE;
  const closes: number[] = [];
  let price = 40_000;
  for (let i = 0; i < HISTORY; i++) closes.push((price += 10));
  for (let i = 0; i < 10; i++) closes.push((price -= 30));
  for (let i = 0; i < 12; i++) closes.push((price += 40));
  for (let i = 0; i < 8; i++) closes.push((price -= 35));
  return {
    start,
    bars: closes.map((close, index) => {
      const open = index === 0 ? close - 10 : closes[index - 1]!;
      return { start: start + index * MINUTE, open, high: Math.max(open, close) + 5, low: Math.min(open, close) - 5, close, volume: 3 };
    }),
  };
}

/** Independent model of sma-cross (fast 3, slow 8): the bars where the target changes and the resulting orders. */
function expectedTrades(closes: readonly number[]): { index: number; side: 'buy' | 'sell'; quantity: number; price: number }[] {
  const trades: { index: number; side: 'buy' | 'sell'; quantity: number; price: number }[] = [];
  const mean = (end: number, length: number) => closes.slice(end - length + 1, end + 1).reduce((sum, close) => sum + close, 0) / length;
  let position = 0;
  for (let i = 8; i < closes.length; i++) {
    const previous = mean(i - 1, 3) - mean(i - 1, 8);
    const diff = mean(i, 3) - mean(i, 8);
    const target = previous <= 0 && diff > 0 ? QUANTITY : previous >= 0 && diff < 0 ? -QUANTITY : undefined;
    if (target === undefined || Math.abs(target - position) < 1e-12) continue;
    trades.push({ index: i, side: target > position ? 'buy' : 'sell', quantity: Number(Math.abs(target - position).toFixed(8)), price: closes[i]! });
    position = target;
  }
  return trades;
}

/** Runs the engine on a config; `drive` feeds live bars while it runs. Returns the fills and the final position. */
async function run(config: Record<string, unknown>, env: Record<string, string>, symbol: string, drive?: (processed: Bar[], engine: Engine) => Promise<void>) {
  const system = await loadSystem(config as ConfigInput, { plugins: brokerPlugins, env, baseDir: here });
  const processed: Bar[] = [];
  const fills: Fill[] = [];
  const engine = await Engine.create(system.config, system.registry, {
    logger: createSilentLogger(),
    observer: { onBaseBar: (bar) => void processed.push(bar), onFill: (fill) => void fills.push(fill) },
  });
  const running = engine.run();
  await drive?.(processed, engine);
  await running;
  const position = engine.portfolio.position(symbol)?.quantity ?? 0;
  await engine.dispose();
  return { fills: fills.map((fill) => ({ side: fill.side, quantity: Number(fill.quantity.toFixed(8)), price: fill.price })), position, processed };
}

const market = marketBars();
const expected = expectedTrades(market.bars.map((bar) => bar.close));
const to = new Date(market.start + (HISTORY + 30) * MINUTE).toISOString();
const from = new Date(market.start).toISOString();
const expectedFills = expected.map(({ side, quantity, price }) => ({ side, quantity, price }));
const finalPosition = expected.reduce((position, trade) => position + (trade.side === 'buy' ? trade.quantity : -trade.quantity), 0);

let dir: string | undefined;
let binance: FakeBinance | undefined;
let alpaca: FakeAlpaca | undefined;
afterEach(async () => {
  await binance?.stop();
  await alpaca?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  binance = alpaca = dir = undefined;
});

async function startBinance(): Promise<FakeBinance> {
  binance = new FakeBinance();
  await binance.start();
  binance.klines.set('BTCUSDT', market.bars.slice(0, HISTORY));
  return binance;
}

/** Points the ccxt blocks of the venue files at the fake (a user would use the testnet instead). */
function toFakeBinance(block: Record<string, unknown>, fake: FakeBinance): void {
  const options = block['options'] as Record<string, unknown>;
  Object.assign(options, { sandbox: false, urls: fake.ccxtUrls(), exchangeOptions: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false }, enableRateLimit: false });
}

/** Feeds the live candles over the fake's websocket one by one, waiting for each bar's orders to settle. */
async function driveBinance(fake: FakeBinance, processed: Bar[], engine: Engine, setPrice: boolean): Promise<void> {
  await waitFor(() => fake.marketSubscriptions >= 1 && processed.length === HISTORY, 'the history and the candle subscription', 20_000);
  for (let i = HISTORY; i < market.bars.length + 2; i++) {
    const candle = market.bars[i] ?? { ...market.bars.at(-1)!, start: market.start + i * MINUTE };
    // The venue trades at the close of the bar that is about to be published
    if (setPrice) fake.book.prices.set('BTCUSDT', (market.bars[i - 1] ?? market.bars.at(-1)!).close);
    fake.pushKline('BTCUSDT', '1m', candle, false);
    if (i === HISTORY) continue;
    await waitFor(() => processed.length >= Math.min(i, market.bars.length) && engine.orders.openOrders().length === 0, `bar ${i - 1} and its orders`, 20_000);
  }
}

describe('example 04: one strategy, four brokers', () => {
  it('the model trades in the live part only (a check of the test data)', () => {
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.every((trade) => trade.index >= HISTORY)).toBe(true);
  });

  it('sim: the backtest makes exactly the trades of the independent model', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gm-ex04-'));
    const csv = join(dir, 'btc-1m.csv');
    writeFileSync(csv, `timestamp,open,high,low,close,volume\n${market.bars.map((bar) => `${new Date(bar.start).toISOString()},${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume}`).join('\n')}\n`);
    const config = configFor('sim');
    (config['data'] as { options: Record<string, unknown> }).options['path'] = csv;
    config['backtest'] = { ...(config['backtest'] as object), from, to };
    const result = await run(config, {}, 'BTC/USDT');
    expect(result.processed).toHaveLength(70);
    expect(result.fills).toEqual(expectedFills);
    expect(result.position).toBeCloseTo(finalPosition, 10);
  });

  it('paper: live candles from a (fake) exchange, simulated fills: the same trades', async () => {
    const fake = await startBinance();
    const config = configFor('paper');
    toFakeBinance(config['data'] as Record<string, unknown>, fake);
    config['backtest'] = { ...(config['backtest'] as object), from, to };
    const result = await run(config, {}, 'BTC/USDT', (processed, engine) => driveBinance(fake, processed, engine, false));
    expect(result.fills).toEqual(expectedFills);
    expect(result.position).toBeCloseTo(finalPosition, 10);
    // Paper never sends an order to the exchange
    expect(fake.requests.filter((request) => request.includes('/order'))).toEqual([]);
  });

  it('ccxt: the same trades as real orders on a fake Binance, filled by the venue', async () => {
    const fake = await startBinance();
    const config = configFor('ccxt');
    toFakeBinance(config['data'] as Record<string, unknown>, fake);
    toFakeBinance(config['broker'] as Record<string, unknown>, fake);
    ((config['broker'] as { options: Record<string, unknown> }).options)['resilience'] = { reconcileIntervalMs: 0 };
    config['backtest'] = { ...(config['backtest'] as object), from, to };
    const env = { BINANCE_API_KEY: fake.apiKey, BINANCE_API_SECRET: fake.secret, RUN_ID: 'ex04-' };
    const result = await run(config, env, 'BTC/USDT', (processed, engine) => driveBinance(fake, processed, engine, true));
    expect(result.fills).toEqual(expectedFills);
    expect(result.position).toBeCloseTo(finalPosition, 10);
    const orders = [...fake.book.orders.values()];
    expect(orders.map((order) => [order.side, order.type, order.quantity, order.status])).toEqual(expected.map((trade) => [trade.side, 'market', trade.quantity, 'filled']));
    expect(orders.every((order) => order.clientOrderId.startsWith('ex04-'))).toBe(true);
    // The exchange account moved by the same amount the engine's portfolio did (it started with 10 BTC)
    expect(fake.book.balances.get('BTC')! - 10).toBeCloseTo(finalPosition, 10);
  });

  it('alpaca: the same trades as real orders on a fake Alpaca, with live minute bars', async () => {
    alpaca = new FakeAlpaca();
    await alpaca.start();
    const fake = alpaca;
    fake.bars.set('AAPL', market.bars.slice(0, HISTORY));
    fake.book.balances.set('AAPL', 0);
    const config = configFor('alpaca');
    const data = (config['data'] as { options: Record<string, unknown> }).options;
    Object.assign(data, { dataBaseUrl: fake.baseUrl, streamUrl: fake.dataStreamUrl, clientRateLimit: false });
    const broker = (config['broker'] as { options: Record<string, unknown> }).options;
    Object.assign(broker, { baseUrl: fake.baseUrl, streamUrl: fake.streamUrl, clientRateLimit: false, resilience: { reconcileIntervalMs: 0 } });
    config['backtest'] = { ...(config['backtest'] as object), from, to };
    const env = { APCA_API_KEY_ID: fake.keyId, APCA_API_SECRET_KEY: fake.secretKey, RUN_ID: 'ex04-' };
    const result = await run(config, env, 'AAPL', async (processed, engine) => {
      await waitFor(() => fake.dataSubscriptions >= 1 && processed.length === HISTORY, 'the history and the bar subscription', 20_000);
      for (let i = HISTORY; i <= market.bars.length; i++) {
        const bar = market.bars[i] ?? { ...market.bars.at(-1)!, start: market.start + i * MINUTE };
        // Alpaca streams each minute bar once it has closed; the venue trades at that close
        fake.book.prices.set('AAPL', bar.close);
        fake.pushBar('AAPL', bar);
        if (i < market.bars.length) await waitFor(() => processed.length > i && engine.orders.openOrders().length === 0, `bar ${i} and its orders`, 20_000);
      }
    });
    expect(result.fills).toEqual(expectedFills);
    expect(result.position).toBeCloseTo(finalPosition, 10);
    const orders = [...fake.book.orders.values()];
    expect(orders.map((order) => [order.side, order.type, order.quantity, order.status])).toEqual(expected.map((trade) => [trade.side, 'market', trade.quantity, 'filled']));
    expect(fake.book.balances.get('AAPL')).toBeCloseTo(finalPosition, 10);
  });
});
