import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../bus/event-bus.js';
import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import type { Fill } from '../../model/fill.js';
import { createInstrument } from '../../model/instrument.js';
import type { Order } from '../../model/order.js';
import { computeStatistics } from '../statistics/compute-statistics.js';
import { JournalWriter } from './journal-writer.js';
import { RUN_FILES } from './run-files.js';
import { RunWriter } from './run-writer.js';
import { writeSampleRun } from './sample-run.js';

const root = mkdtempSync(join(tmpdir(), 'gm-run-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NQ = createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20 });
const M30 = 30 * 60_000;
const T0 = Date.UTC(2024, 0, 2, 14, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function bar(index: number, open: number, high: number, low: number, close: number, timeframe = '30m'): Bar {
  const start = T0 + index * M30;
  return { symbol: 'NQ', timeframe, start, end: start + M30, open, high, low, close, volume: 10, synthetic: false };
}

function order(id: string, fields: Partial<Order>): Order {
  return {
    id,
    clientOrderId: `c-${id}`,
    symbol: 'NQ',
    side: 'buy',
    quantity: 1,
    type: 'market',
    timeInForce: 'gtc',
    status: 'accepted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  };
}

function fill(orderId: string, side: Fill['side'], price: number, time: number, tag: string): Fill {
  return { orderId, clientOrderId: `c-${orderId}`, symbol: 'NQ', side, quantity: 1, price, fee: 2.5, time, liquidity: 'taker', tag };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('RunWriter on a hand-made run', () => {
  const dir = join(root, 'hand');
  const writer = new RunWriter({ dir, instruments: [NQ] });
  // Bar 0: flat. Buy 1 at bar 1's open (101); sell 1 at bar 3's open (98)
  writer.onBar(bar(0, 100, 102, 99, 101));
  writer.onBar(bar(0, 100, 102, 99, 101, '1h')); // another timeframe: ignored
  writer.recordEquity(T0 + M30, 10_000, 10_000);
  const o1 = order('O1', { createdAt: T0 + M30, updatedAt: T0 + M30 });
  writer.onOrder(o1);
  writer.onFill(fill('O1', 'buy', 101, T0 + M30, 'entry'));
  writer.onOrder({ ...o1, status: 'filled', filledQuantity: 1, averageFillPrice: 101 });
  writer.onBar(bar(1, 101, 105, 100, 104));
  writer.recordEquity(T0 + 2 * M30, 10_057.5, 9_997.5, 2080);
  const o3 = order('O3', { side: 'sell', quantity: 2, type: 'limit', limitPrice: 110, createdAt: T0 + 2 * M30, updatedAt: T0 + 2 * M30, tag: 'scale out' });
  const o4 = order('O4', { type: 'stop', stopPrice: 120, timeInForce: 'day', reduceOnly: true, createdAt: T0 + 2 * M30, updatedAt: T0 + 2 * M30 });
  writer.onOrder(o3);
  writer.onOrder(o4);
  writer.onBar(bar(2, 104, 104.5, 97, 98));
  writer.recordEquity(T0 + 3 * M30, 9_937.5, 9_997.5, 1960);
  const o2 = order('O2', { side: 'sell', createdAt: T0 + 3 * M30, updatedAt: T0 + 3 * M30 });
  writer.onOrder(o2);
  writer.onFill(fill('O2', 'sell', 98, T0 + 3 * M30, 'exit'));
  writer.onOrder({ ...o2, status: 'filled', filledQuantity: 1, averageFillPrice: 98, updatedAt: T0 + 3 * M30 });
  writer.onOrder({ ...o4, status: 'canceled', updatedAt: T0 + 3 * M30, reason: 'no, "thanks"' });
  writer.onOrder({ ...o4, status: 'expired' }); // after its final row: ignored
  writer.onBar(bar(3, 98, 99, 95, 96));
  writer.recordEquity(T0 + 4 * M30, 9_935, 9_935);
  writer.recordEvent('plugin.faulted', { pluginId: 'p', error: new SdkError('GM_PLUGIN_LISTENER_FAILED', 'listener threw'), tsEvent: T0, tsInit: T0 });
  writer.journalSink('p:custom', { ratio: 0.1 + 0.2, missing: Number.NaN, list: new Float64Array([1.5, -0]), skipped: undefined, zeta: 1, alpha: { end: T0 } });
  const summary = writer.finish({ run: { name: 'hand', seed: 7 } });

  it('writes the folder files', () => {
    expect(readdirSync(dir).sort()).toEqual(['bars.csv', 'equity.csv', 'journal.jsonl', 'orders.csv', 'summary.json', 'trades.csv']);
  });

  it('writes equity.csv with ISO times, rounded numbers and drawdown from the running peak', () => {
    expect(read(dir, RUN_FILES.equity)).toBe(
      [
        'time,equity,cash,netExposure,grossExposure,drawdown',
        `${iso(T0 + M30)},10000,10000,0,0,0`,
        `${iso(T0 + 2 * M30)},10057.5,9997.5,2080,2080,0`,
        // 1 - 9937.5 / 10057.5 = 0.0119313944…
        `${iso(T0 + 3 * M30)},9937.5,9997.5,1960,1960,0.01193139`,
        // 1 - 9935 / 10057.5 = 0.0121799652…
        `${iso(T0 + 4 * M30)},9935,9935,0,0,0.01217997`,
        '',
      ].join('\n'),
    );
  });

  it('writes trades.csv with FIFO PnL, pro-rata fees, bars held and excursions', () => {
    // Long 1 @ 101 → 98: (98 - 101) × 20 = -60; fees 2.5 + 2.5; return -65 / 2020 = -0.0321782…
    // Bars 1 and 2 began at or after the entry: lowest low 97 → MAE (97 - 101) × 20; highest high 105 → MFE 80
    expect(read(dir, RUN_FILES.trades)).toBe(
      [
        'id,status,symbol,side,entryTime,exitTime,quantity,entryPrice,exitPrice,grossPnl,entryFees,exitFees,fees,netPnl,returnOnNotional,barsHeld,mae,mfe,entryTag,exitTag',
        `1,closed,NQ,long,${iso(T0 + M30)},${iso(T0 + 3 * M30)},1,101,98,-60,2.5,2.5,5,-65,-0.03217822,2,-80,80,entry,exit`,
        '',
      ].join('\n'),
    );
  });

  it('writes orders.csv: one row per order at its final status, working orders last', () => {
    const created = (index: number) => iso(T0 + index * M30);
    expect(read(dir, RUN_FILES.orders)).toBe(
      [
        'id,clientOrderId,createdAt,updatedAt,symbol,side,type,quantity,filledQuantity,averageFillPrice,limitPrice,stopPrice,timeInForce,status,parentId,reduceOnly,reason,tag',
        `O1,c-O1,${created(1)},${created(1)},NQ,buy,market,1,1,101,,,gtc,filled,,false,,`,
        `O2,c-O2,${created(3)},${created(3)},NQ,sell,market,1,1,98,,,gtc,filled,,false,,`,
        `O4,c-O4,${created(2)},${created(3)},NQ,buy,stop,1,0,,,120,day,canceled,,true,"no, ""thanks""",`,
        `O3,c-O3,${created(2)},${created(2)},NQ,sell,limit,2,0,,110,,gtc,accepted,,false,,scale out`,
        '',
      ].join('\n'),
    );
  });

  it('writes bars.csv from the base timeframe only', () => {
    const lines = read(dir, RUN_FILES.bars).trimEnd().split('\n');
    expect(lines[0]).toBe('symbol,start,end,open,high,low,close,volume,bars');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe(`NQ,${iso(T0 + 2 * M30)},${iso(T0 + 3 * M30)},104,104.5,97,98,10,1`);
  });

  it('writes journal.jsonl with sorted keys, sequence numbers, ISO times and serialised errors', () => {
    expect(read(dir, RUN_FILES.journal).split('\n')).toEqual([
      `{"event":"plugin.faulted","payload":{"error":{"code":"GM_PLUGIN_LISTENER_FAILED","message":"listener threw","name":"SdkError"},"pluginId":"p","tsEvent":"${iso(T0)}","tsInit":"${iso(T0)}"},"seq":1}`,
      `{"event":"p:custom","payload":{"alpha":{"end":"${iso(T0)}"},"list":[1.5,0],"missing":null,"ratio":0.3,"zeta":1},"seq":2}`,
      '',
    ]);
  });

  it('writes summary.json whose statistics equal a batch computation over the same rows', () => {
    const expected = computeStatistics({
      equity: [10_000, 10_057.5, 9_937.5, 9_935],
      times: [1, 2, 3, 4].map((index) => T0 + index * M30),
      trades: [{ netPnl: -65, barsHeld: 2 }],
      fees: 5,
      exposure: [0, 1, 1, 0],
    });
    expect(summary.statistics).toEqual(expected);
    expect(summary.openTrades).toEqual([]);
    const text = read(dir, RUN_FILES.summary);
    const json = JSON.parse(text) as { formatVersion: number; run: unknown; statistics: Record<string, unknown> };
    expect(json.formatVersion).toBe(1);
    expect(json.run).toEqual({ name: 'hand', seed: 7 });
    expect(json.statistics['startTime']).toBe(iso(T0 + M30));
    expect(json.statistics['winRate']).toBe(0);
    // No winning trade: gross profit 0 over gross loss 65
    expect(json.statistics['profitFactor']).toBe(0);
    expect(json.statistics['averageWin']).toBeNull();
    expect(json.statistics['netProfit']).toBe(-65);
    // Pretty, sorted and newline-terminated
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "openTrades": [],\n  "run": {\n    "name": "hand",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses records after finish', () => {
    expect(() => writer.onBar(bar(4, 1, 1, 1, 1))).toThrow(/expected an open writer, was already finished/);
  });
});

describe('RunWriter output is deterministic and bounded', () => {
  it('writes byte-identical folders for identical runs', () => {
    const first = join(root, 'first');
    const second = join(root, 'second');
    writeSampleRun(first, { bars: 600, seed: 3 });
    writeSampleRun(second, { bars: 600, seed: 3 });
    for (const file of readdirSync(first)) expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file)))).toBe(true);
    const other = join(root, 'other');
    writeSampleRun(other, { bars: 600, seed: 4 });
    expect(read(other, RUN_FILES.equity)).not.toBe(read(first, RUN_FILES.equity));
  });

  it('keeps every bar in equity.csv but at most maxCandles candles in bars.csv', () => {
    const dir = join(root, 'long');
    const summary = writeSampleRun(dir, { bars: 5000, seed: 9, maxCandles: 64 });
    const equityRows = read(dir, RUN_FILES.equity).trimEnd().split('\n').slice(1);
    expect(equityRows).toHaveLength(5000);
    expect(summary.statistics.bars).toBe(5000);
    const candles = read(dir, RUN_FILES.bars).trimEnd().split('\n').slice(1).map((line) => line.split(','));
    expect(candles.length).toBeLessThanOrEqual(64);
    // 5000 bars need a stride of 128 (64 × 64 < 5000 <= 64 × 128): 39 candles of 128 and one of 8
    expect(candles.map((fields) => Number(fields[8]))).toEqual([...Array.from({ length: 39 }, () => 128), 8]);
    // Each candle spans its bars: the next candle starts where this one's last bar ended, or later (weekends)
    for (let i = 1; i < candles.length; i++) expect(Date.parse(candles[i]![1]!)).toBeGreaterThanOrEqual(Date.parse(candles[i - 1]![2]!));
    // Trade count in the summary matches the closed rows of trades.csv
    const tradeRows = read(dir, RUN_FILES.trades).trimEnd().split('\n').slice(1);
    expect(tradeRows.filter((line) => line.split(',')[1] === 'closed')).toHaveLength(summary.statistics.trades);
    expect(tradeRows.filter((line) => line.split(',')[1] === 'open')).toHaveLength(summary.openTrades.length);
  });
});

describe('JournalWriter as an event-bus sink', () => {
  it('journals what the bus publishes, in order, including events nobody listens to', () => {
    const path = join(root, 'bus.jsonl');
    const journal = new JournalWriter(path);
    const bus = new EventBus();
    bus.addSink(journal.sink);
    const seen: string[] = [];
    bus.on('kernel.started', () => seen.push('listener'));
    bus.publish('kernel.started', { mode: 'backtest', tsEvent: T0, tsInit: T0 });
    bus.publish('kernel.stopped', { reason: 'done', tsEvent: T0 + 1, tsInit: T0 + 1 });
    journal.close();
    expect(seen).toEqual(['listener']);
    expect(journal.count).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(
      `{"event":"kernel.started","payload":{"mode":"backtest","tsEvent":"${iso(T0)}","tsInit":"${iso(T0)}"},"seq":1}\n` +
        `{"event":"kernel.stopped","payload":{"reason":"done","tsEvent":"${iso(T0 + 1)}","tsInit":"${iso(T0 + 1)}"},"seq":2}\n`,
    );
    expect(() => journal.write('late', {})).toThrow(/expected an open writer, was closed/);
  });
});
