import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { loadSystem } from '../src/engine/load-system.js';
import { runSystem } from '../src/engine/run-system.js';
import { writeReport } from '../src/analytics/report/write-report.js';
import { generateSyntheticBars } from '../src/data/synthetic/synthetic-market.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import { arrayDataSourcePlugin } from '../src/testing/array-data-source.js';
import type { Bar } from '../src/model/bar.js';
import { SeededRandom } from '../src/random/seeded-random.js';

const bars: Bar[] = [...generateSyntheticBars({ symbol: 'NQ', from: '2024-03-04', to: '2024-03-09', seed: 5, tickSize: 0.25, startPrice: 18_000 })];
const system = {
  name: 'determinism',
  instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
  data: { use: 'array' },
  bars: ['5m', '30m'],
  agents: [
    { use: 'sma-cross', options: { fast: 5, slow: 20, timeframe: '5m', quantity: 1 } },
    // A 30m agent: a 30m bar published before its close would leak later prices into decisions
    { use: 'sma-cross', id: 'cross-30m', options: { fast: 3, slow: 6, timeframe: '30m', quantity: 2 } },
  ],
  broker: { use: 'sim', options: { fees: { perContract: 2.5 }, slippage: { ticks: 1 }, participation: 0.5 } },
  logging: { level: 'silent' as const },
};

describe('determinism', () => {
  it('writes byte-identical trades, orders and journal for the same config, data and seed', async () => {
    const dirs: string[] = [];
    for (let run = 0; run < 2; run++) {
      const dir = join(mkdtempSync(join(tmpdir(), 'gm-det-')), 'run');
      await runSystem({ config: system, plugins: [arrayDataSourcePlugin(bars)], out: dir, env: {}, logger: createSilentLogger() });
      dirs.push(dir);
    }
    const orders = readFileSync(join(dirs[0]!, 'orders.csv'), 'utf8');
    expect(orders.split('\n').length).toBeGreaterThan(20);
    for (const file of ['trades.csv', 'orders.csv', 'journal.jsonl', 'equity.csv', 'summary.json', 'report.html']) {
      expect(readFileSync(join(dirs[1]!, file), 'utf8'), file).toBe(readFileSync(join(dirs[0]!, file), 'utf8'));
    }
  });

  it('writes the same report during the run (from its in-flight equity sample) as `grandmodel report` rebuilds from the files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gm-det-')), 'run');
    await runSystem({ config: system, plugins: [arrayDataSourcePlugin(bars)], out: dir, env: {}, logger: createSilentLogger() });
    const during = readFileSync(join(dir, 'report.html'), 'utf8');
    await writeReport(dir);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(during);
  });
});

describe('no look-ahead', () => {
  it('leaves every decision and order before T unchanged when the data after T changes', async () => {
    const cut = bars[Math.floor(bars.length / 2)]!.start;
    const random = new SeededRandom(99);
    // Same bars up to T; afterwards a different random walk
    let price = bars.find((bar) => bar.start >= cut)!.open;
    const altered = bars.map((bar) => {
      if (bar.start < cut) return bar;
      const open = price;
      price = Math.round((price + random.normal() * 4) * 4) / 4;
      return { ...bar, open, close: price, high: Math.max(open, price) + 0.25, low: Math.min(open, price) - 0.25 };
    });
    const ordersBefore = async (data: Bar[]) => {
      const loaded = await loadSystem(system, { plugins: [arrayDataSourcePlugin(data)], env: {} });
      const engine = await Engine.create(loaded.config, loaded.registry, { logger: createSilentLogger() });
      await engine.run();
      return engine.orders.allOrders().filter((order) => order.createdAt < cut);
    };
    const original = await ordersBefore(bars);
    const changed = await ordersBefore(altered);
    expect(original.length).toBeGreaterThan(5);
    // Orders decided before T are the same; only their fills after T may differ
    const decision = (o: { id: string; side: string; quantity: number; createdAt: number; type: string }) => [o.id, o.side, o.quantity, o.type, o.createdAt];
    expect(changed.map(decision)).toEqual(original.map(decision));
    const filledBefore = (o: { updatedAt: number; status: string; averageFillPrice: number }) => o.updatedAt < cut ? [o.status, o.averageFillPrice] : 'after';
    expect(changed.map(filledBefore)).toEqual(original.map(filledBefore));
  });
});
