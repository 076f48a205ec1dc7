import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { loadSystem } from '../src/engine/load-system.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import { arrayDataSourcePlugin, makeBar } from '../src/testing/array-data-source.js';
import type { Bar } from '../src/model/bar.js';

const T0 = Date.parse('2024-01-02T14:30:00Z');

/** Bars whose open is the previous close, with a 0.5 wick on each side. */
function barsFromCloses(closes: number[], symbol = 'TEST'): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return makeBar({ symbol, start: T0 + i * 60_000, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close });
  });
}

async function backtest(bars: Bar[], config: Record<string, unknown>) {
  const system = await loadSystem({ data: { use: 'array' }, ...config }, { plugins: [arrayDataSourcePlugin(bars)], env: {} });
  const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
  const events: string[] = [];
  for (const name of ['order.submitted', 'order.accepted', 'order.filled', 'order.denied'] as const) {
    engine.kernel.bus.on(name, (event) => void events.push(`${name} ${event.order.side} ${event.order.quantity}`));
  }
  const result = await engine.run();
  return { engine, result, events };
}

describe('Engine backtest with sma-cross and the simulated broker', () => {
  it('decides on a bar close, fills at the next open, and accounts to the cent', async () => {
    // closes:        0   1   2   3   4   5  6  7
    const closes = [10, 10, 10, 12, 13, 9, 7, 7];
    // fast SMA(2) / slow SMA(3): bar 3 → 11 vs 10.667 (cross up: target +1, buy 1)
    // bar 5 → 11 vs 11.333 (cross down: target -1 from +1, sell 2)
    const { engine, result, events } = await backtest(barsFromCloses(closes), {
      agents: [{ use: 'sma-cross', options: { fast: 2, slow: 3, quantity: 1, allowShort: true } }],
    });
    expect(result.barsProcessed).toBe(8);
    const orders = engine.orders.allOrders();
    expect(orders.map((o) => [o.side, o.quantity, o.status, o.averageFillPrice])).toEqual([
      ['buy', 1, 'filled', 12], // decided at bar 3's close, filled at bar 4's open = bar 3's close = 12
      ['sell', 2, 'filled', 9], // decided at bar 5's close, filled at bar 6's open = 9
    ]);
    expect(events.slice(0, 3)).toEqual(['order.submitted buy 1', 'order.accepted buy 1', 'order.filled buy 1']);
    // Long 1 from 12 closed at 9: realized -3. Short 1 from 9 marked at the last close 7: unrealized +2
    const position = engine.portfolio.position('TEST')!;
    expect(position.quantity).toBe(-1);
    expect(engine.portfolio.realizedPnl).toBe(-3);
    expect(engine.portfolio.unrealizedPnl).toBe(2);
    expect(engine.portfolio.equity).toBe(100_000 - 3 + 2);
  });

  it('applies the futures multiplier, per-contract fees and tick slippage', async () => {
    const closes = [100, 100, 100, 104, 106, 90, 88, 88];
    const { engine } = await backtest(barsFromCloses(closes, 'NQ'), {
      instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
      agents: [{ use: 'sma-cross', options: { fast: 2, slow: 3, quantity: 1, allowShort: false } }],
      broker: { use: 'sim', options: { fees: { perContract: 2.5 }, slippage: { ticks: 1 } } },
    });
    // Buy 1 at bar 4's open 104 + 1 tick = 104.25; sell 1 at bar 6's open 90 − 1 tick = 89.75 (flat, no short)
    const orders = engine.orders.allOrders();
    expect(orders.map((o) => [o.side, o.quantity, o.averageFillPrice])).toEqual([
      ['buy', 1, 104.25],
      ['sell', 1, 89.75],
    ]);
    // PnL = (89.75 − 104.25) · 20 = −290; fees 2 × 2.5 = 5
    expect(engine.portfolio.realizedPnl).toBe(-290);
    expect(engine.portfolio.fees).toBe(5);
    expect(engine.portfolio.equity).toBe(100_000 - 290 - 5);
  });

  it('denies orders through the risk chain as events, not exceptions', async () => {
    const { engine, events } = await backtest(barsFromCloses([10, 10, 10, 12, 13, 9, 7, 7]), {
      agents: [{ use: 'sma-cross', options: { fast: 2, slow: 3, quantity: 1, allowShort: true } }],
      risk: [{ use: 'limits', options: { maxOrderQuantity: 1 } }],
    });
    // The reversal needs a sell of 2, which the limit refuses; the position stays long 1
    expect(events).toContain('order.denied sell 2');
    const denied = engine.orders.allOrders().find((o) => o.status === 'denied')!;
    expect(denied.reason).toBe('limits: order quantity 2 exceeds maxOrderQuantity 1');
    expect(engine.portfolio.position('TEST')!.quantity).toBe(1);
  });

  it('builds higher timeframes and shows a 5m bar to agents only after it closed', async () => {
    const closes = Array.from({ length: 30 }, (_, i) => 100 + Math.sin(i / 3) * 5);
    const seen: string[] = [];
    const system = await loadSystem(
      { data: { use: 'array' }, bars: ['1m', '5m'], agents: [] },
      { plugins: [arrayDataSourcePlugin(barsFromCloses(closes))], env: {} },
    );
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    engine.kernel.bus.on('bar.closed', ({ bar }) => {
      seen.push(`${bar.timeframe}@${(bar.start - T0) / 60_000}`);
      // The clock is at the bar's close whenever a bar is published
      expect(engine.clock.now()).toBeGreaterThanOrEqual(bar.end);
    });
    await engine.run();
    expect(seen.filter((s) => s.startsWith('5m'))).toEqual(['5m@0', '5m@5', '5m@10', '5m@15', '5m@20', '5m@25']);
    // The 5m bar covering minutes 0–4 is published right after the 1m bar of minute 4, not before
    expect(seen.indexOf('5m@0')).toBe(seen.indexOf('1m@4') + 1);
  });

  it('awaits agents whose onBar returns a promise before the next agent and the next bar', async () => {
    const { definePlugin } = await import('../src/plugin/define-plugin.js');
    const { z } = await import('zod');
    const seen: string[] = [];
    const slow = definePlugin({
      manifest: { id: 'slow-agent', kind: 'agent', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: () => ({
        onBar: async (bar: Bar) => {
          seen.push(`slow start ${bar.timeframe}@${bar.start}`);
          // A real wait, as a model inference would take
          await new Promise((resolve) => setTimeout(resolve, 2));
          seen.push(`slow end ${bar.timeframe}@${bar.start}`);
        },
      }),
    });
    const fast = definePlugin({
      manifest: { id: 'fast-agent', kind: 'agent', version: '1.0.0', apiVersion: 1 },
      options: z.strictObject({}),
      create: () => ({ onBar: (bar: Bar) => void seen.push(`fast ${bar.timeframe}@${bar.start}`) }),
    });
    const bars = barsFromCloses([10, 11, 12, 13]);
    const system = await loadSystem(
      { data: { use: 'array' }, bars: ['1m', '2m'], agents: [{ use: 'slow-agent' }, { use: 'fast-agent' }] },
      { plugins: [arrayDataSourcePlugin(bars), slow, fast], env: {} },
    );
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    await engine.run();
    const t = (i: number) => T0 + i * 60_000;
    expect(seen).toEqual([
      `slow start 1m@${t(0)}`, `slow end 1m@${t(0)}`, `fast 1m@${t(0)}`,
      `slow start 1m@${t(1)}`, `slow end 1m@${t(1)}`, `fast 1m@${t(1)}`,
      `slow start 2m@${t(0)}`, `slow end 2m@${t(0)}`, `fast 2m@${t(0)}`,
      `slow start 1m@${t(2)}`, `slow end 1m@${t(2)}`, `fast 1m@${t(2)}`,
      `slow start 1m@${t(3)}`, `slow end 1m@${t(3)}`, `fast 1m@${t(3)}`,
      `slow start 2m@${t(2)}`, `slow end 2m@${t(2)}`, `fast 2m@${t(2)}`,
    ]);
  });
});
