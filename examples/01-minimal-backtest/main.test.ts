import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSilentLogger, runDataSynth, runSystem } from '@grandmodel/framework';

const here = fileURLToPath(new URL('.', import.meta.url));
const NQ = { tick: 0.25, multiplier: 20, fee: 2.5 };

/** Reads a CSV written by the run into rows of named fields. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

/**
 * An independent model of the example: 30-minute bars from the 1-minute file (flat fills for gaps up to
 * 120 minutes), SMA(10)/SMA(30) crossings on closes, target ±1, filled at the open of the next 1-minute bar
 * one tick against the order. A flat gap-fill bar is only known once the first bar after the gap has closed,
 * so a decision on it is made at that bar's end.
 */
function expectedOrders(csv: string): { side: string; quantity: number; price: number }[] {
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const minute = rows.map((r) => ({ start: Date.parse(r[0]!), open: Number(r[1]), close: Number(r[4]) }));
  const thirty: { end: number; close: number; known: number }[] = [];
  const size = 30 * 60_000;
  let bucket = Number.NaN;
  let close = Number.NaN;
  for (const bar of minute) {
    const b = Math.floor(bar.start / size) * size;
    if (b !== bucket) {
      if (!Number.isNaN(bucket)) {
        thirty.push({ end: bucket + size, close, known: bucket + size });
        // Flat synthetic bars fill empty buckets of a gap of at most 120 minutes between bar starts
        if (b - bucket <= 120 * 60_000) for (let g = bucket + size; g < b; g += size) thirty.push({ end: g + size, close, known: bar.start + 60_000 });
      }
      bucket = b;
    }
    close = bar.close;
  }
  const orders: { side: string; quantity: number; price: number; decidedAt: number }[] = [];
  let position = 0;
  let previous = Number.NaN;
  for (let i = 29; i < thirty.length; i++) {
    const mean = (n: number) => thirty.slice(i - n + 1, i + 1).reduce((sum, bar) => sum + bar.close, 0) / n;
    const diff = mean(10) - mean(30);
    let target: number | undefined;
    if (previous <= 0 && diff > 0) target = 1;
    else if (previous >= 0 && diff < 0) target = -1;
    previous = diff;
    if (target === undefined || target === position) continue;
    orders.push({ side: target > position ? 'buy' : 'sell', quantity: Math.abs(target - position), price: Number.NaN, decidedAt: Math.max(thirty[i]!.end, thirty[i]!.known) });
    position = target;
  }
  for (const order of orders) {
    const next = minute.find((bar) => bar.start >= order.decidedAt);
    order.price = next === undefined ? Number.NaN : next.open + (order.side === 'buy' ? NQ.tick : -NQ.tick);
  }
  return orders.filter((order) => !Number.isNaN(order.price)).map(({ side, quantity, price }) => ({ side, quantity, price }));
}

describe('example 01: minimal backtest', () => {
  it('trades exactly the crossings an independent model finds, at next-open prices with slippage and fees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex01-'));
    const data = join(dir, 'nq-1m.csv');
    await runDataSynth({ symbol: 'NQ', from: '2024-01-01', to: '2024-02-01', seed: 7, tickSize: 0.25, startPrice: 17000, out: data });
    const run = async (out: string) =>
      runSystem({ config: join(here, 'grandmodel.config.yaml'), set: [`data.options.path=${data}`], out: join(dir, out), env: {}, logger: createSilentLogger() });
    const first = await run('a');

    const orders = readCsv(join(first.dir, 'orders.csv')).filter((o) => o['parentId'] === '');
    const expected = expectedOrders(data);
    expect(expected.length).toBeGreaterThan(5);
    expect(orders.map((o) => ({ side: o['side'], quantity: Number(o['quantity']), price: Number(o['averageFillPrice']) }))).toEqual(expected);
    expect(orders.every((o) => o['status'] === 'filled')).toBe(true);

    // Equity adds up: start cash + Σ net PnL of closed trades + open PnL = end equity; fees = 2.5 per contract per fill
    const trades = readCsv(join(first.dir, 'trades.csv'));
    const net = trades.reduce((sum, t) => sum + Number(t['netPnl']), 0);
    const stats = first.summary.statistics;
    expect(stats.endEquity).toBeCloseTo(500_000 + net, 6);
    const contracts = expected.reduce((sum, o) => sum + o.quantity, 0);
    expect(stats.fees).toBeCloseTo(contracts * NQ.fee, 8);

    // Same config, data and seed: byte-identical output
    const second = await run('b');
    for (const file of ['orders.csv', 'trades.csv', 'journal.jsonl']) {
      expect(readFileSync(join(second.dir, file), 'utf8'), file).toBe(readFileSync(join(first.dir, file), 'utf8'));
    }
  });
});
