import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { loadSystem } from '../src/engine/load-system.js';
import { runDataSynth } from '../src/data/synthetic/run-data-synth.js';
import { ReplayDataSource } from '../src/data/replay/replay-data-source.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import { ArrayDataSource, makeBar } from '../src/testing/array-data-source.js';
import { DelegatingClock } from '../src/clock/delegating-clock.js';

async function run(config: Record<string, unknown>) {
  const system = await loadSystem(config, { env: {} });
  const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
  await engine.run();
  return engine;
}

describe('paper mode on a replayed feed', () => {
  it('runs the same config as the backtest and, played as fast as possible, trades identically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-replay-'));
    const { path } = await runDataSynth({ symbol: 'NQ', from: '2024-02-05', to: '2024-02-07', seed: 4, tickSize: 0.25, out: join(dir, 'nq.csv') });
    const common = {
      instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
      bars: ['5m'],
      agents: [{ use: 'sma-cross', options: { fast: 5, slow: 15, timeframe: '5m' } }],
      broker: { use: 'sim', options: { slippage: { ticks: 1 } } },
    };
    const backtest = await run({ ...common, mode: 'backtest', data: { use: 'csv', options: { path, symbol: 'NQ' } } });
    const paper = await run({ ...common, mode: 'paper', data: { use: 'replay', options: { speed: 0, csv: { path, symbol: 'NQ' } } } });
    expect(paper.clock).toBeInstanceOf(DelegatingClock);
    expect(paper.clock.simulated).toBe(false);
    const orders = (engine: Engine) => engine.orders.allOrders().map((o) => [o.side, o.quantity, o.createdAt, o.averageFillPrice]);
    expect(orders(backtest).length).toBeGreaterThan(5);
    expect(orders(paper)).toEqual(orders(backtest));
    expect(paper.portfolio.equity).toBe(backtest.portfolio.equity);
  });

  it('delivers each bar when its close is due on a clock running `speed` times the wall clock', async () => {
    const start = Date.UTC(2024, 0, 2, 15, 0);
    const bars = [0, 1, 2].map((i) => makeBar({ start: start + i * 60_000, open: 10, high: 11, low: 9, close: 10 }));
    let wall = 1_000;
    const sleeps: number[] = [];
    const source = new ReplayDataSource(new ArrayDataSource(bars, { type: 'bars', timeframe: '1m' }), 60, {
      now: () => wall,
      sleep: async (until) => {
        sleeps.push(until);
        wall = Math.max(wall, until);
      },
    });
    const delivered: number[] = [];
    for await (const batch of source.read()) for (const bar of batch) delivered.push((bar as { end: number }).end - start);
    // Anchored at the first bar's start: at 60x, a 1-minute bar closes one wall second later
    expect(sleeps).toEqual([2_000, 3_000, 4_000]);
    expect(delivered).toEqual([60_000, 120_000, 180_000]);
    expect(source.clock.now()).toBe(start + 180_000);
  });
});
