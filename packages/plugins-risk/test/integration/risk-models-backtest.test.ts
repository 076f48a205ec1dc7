import { createSilentLogger, definePlugin, Engine, loadSystem, PLUGIN_API_VERSION, TOKENS, type Bar, type ComponentEntryInput, type OrderIntent } from '@grandmodel/framework';
import { arrayDataSourcePlugin, makeBar } from '@grandmodel/framework/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { riskModels } from '../../src/models/index.js';

const T0 = Date.UTC(2024, 0, 2, 14, 30);

/** One-minute bars whose open is the previous close (market orders fill at the next open = this close). */
function barsFromCloses(closes: readonly number[]): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return makeBar({ symbol: 'X', start: T0 + i * 60_000, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close });
  });
}

/** A test agent that submits the given intents on the given bar indexes. */
function scriptedAgent(script: Readonly<Record<number, OrderIntent>>) {
  return definePlugin({
    manifest: { id: 'scripted', kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION },
    options: z.strictObject({}),
    create: (ctx) => {
      const orders = ctx.resolve(TOKENS.orders);
      let index = -1;
      return {
        onBar: (): void => {
          index++;
          const intent = script[index];
          if (intent !== undefined) orders.submit(intent);
        },
      };
    },
  });
}

async function backtest(closes: readonly number[], script: Readonly<Record<number, OrderIntent>>, risk: ComponentEntryInput[]) {
  const plugins = [...riskModels, arrayDataSourcePlugin(barsFromCloses(closes)), scriptedAgent(script)];
  const system = await loadSystem({ data: { use: 'array' }, agents: [{ use: 'scripted' }], risk }, { plugins, env: {} });
  const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
  // Record every event in publication order, as the run journal does
  const journal: { event: string; payload: Record<string, unknown> }[] = [];
  engine.kernel.bus.addSink((event, payload) => void journal.push({ event, payload: payload as Record<string, unknown> }));
  await engine.run();
  await engine.dispose();
  return { engine, journal };
}

const buy = (quantity: number, metadata?: Record<string, unknown>): OrderIntent => ({ symbol: 'X', side: 'buy', quantity, type: 'market', tag: 'agent', ...(metadata ? { metadata } : {}) });

describe('drawdown circuit breakers in a backtest', () => {
  it('goes REDUCING at 10 %, HALTED at 15 %, flattens through the kill switch at 20 %, and denies every later entry', async () => {
    // Long 1,000 at 100 on 100,000 of equity; then the price collapses: drawdown 5 %, 11 %, 16 %, 22 %
    const closes = [100, 100, 100, 95, 89, 84, 78, 78, 80, 82];
    const { engine, journal } = await backtest(closes, { 1: buy(1000), 5: buy(10), 7: buy(10), 8: buy(10), 9: buy(10) }, [
      { use: 'drawdown', options: { dailyLossLimit: null } },
    ]);
    const flow = journal
      .filter((e) => ['risk.breached', 'trading_state.changed', 'kill_switch.engaged', 'order.submitted', 'order.filled', 'order.denied'].includes(e.event))
      .map(({ event, payload }) => {
        const order = payload['order'] as { side: string; quantity: number; tag?: string } | undefined;
        if (order !== undefined) return `${event} ${order.side} ${order.quantity} ${order.tag}`;
        if (event === 'risk.breached') return `${event} ${payload['metric']} ${payload['limit']} ${payload['action']}`;
        if (event === 'trading_state.changed') return `${event} ${payload['from']}→${payload['to']} by ${payload['by']}`;
        return `${event} by ${payload['by']} flatten=${payload['flatten']}`;
      });
    expect(flow).toEqual([
      'order.submitted buy 1000 agent',
      'order.filled buy 1000 agent', // at bar 2's open, 100
      'risk.breached drawdown 0.1 reduce', // bar 4 closes at 89: drawdown 11 %
      'trading_state.changed active→reducing by drawdown',
      'order.submitted buy 10 agent', // bar 5: an entry while REDUCING
      'order.denied buy 10 agent',
      'risk.breached drawdown 0.15 halt', // bar 5 closes at 84: 16 %
      'trading_state.changed reducing→halted by drawdown',
      'risk.breached drawdown 0.2 flatten', // bar 6 closes at 78: 22 %
      'order.submitted sell 1000 kill-switch', // the flattening order, past every check
      'kill_switch.engaged by drawdown flatten=true',
      'order.filled sell 1000 kill-switch', // at bar 7's open, 78
      'order.submitted buy 10 agent',
      'order.denied buy 10 agent',
      'order.submitted buy 10 agent',
      'order.denied buy 10 agent',
      'order.submitted buy 10 agent',
      'order.denied buy 10 agent',
    ]);
    const denied = engine.orders.allOrders().filter((o) => o.status === 'denied');
    expect(denied.map((o) => o.reason)).toEqual([
      'trading-state: trading state is reducing: only orders that reduce a position may pass',
      'trading-state: trading is halted',
      'trading-state: trading is halted',
      'trading-state: trading is halted',
    ]);
    // The breach messages carry the numbers: peak 100,000, equity 89,000 → 11 %
    expect(journal.find((e) => e.event === 'risk.breached')!.payload['message']).toBe('drawdown 11% from the equity peak 100000 (equity 89000) reached the 10% step: reduce');
    // Flat at 78: 100,000 − 1,000 × 22
    expect(engine.portfolio.position('X')!.quantity).toBe(0);
    expect(engine.portfolio.equity).toBe(78_000);
    expect(engine.risk.tradingState).toBe('halted');
    expect(engine.killSwitch.engaged).toBe(true);
  });
});

describe('the pre-trade chain in a backtest: kelly sizes, stress denies', () => {
  it('resizes an entry to half-Kelly of equity, then denies one whose stress loss would pass the limit', async () => {
    const closes = [100, 100, 100, 100, 100, 100];
    const { engine } = await backtest(closes, { 1: buy(1, { winProbability: 0.55, payoffRatio: 2 }), 3: buy(1, { winProbability: 0.9, payoffRatio: 3 }) }, [
      { use: 'kelly' },
      { use: 'stress', options: { limit: 0.02 } },
    ]);
    const [first, second] = engine.orders.allOrders();
    // f* = 0.55 − 0.45/2 = 0.325, half 0.1625 × 100,000 / 100 = 162.5 → 162 units; a 10 % fall costs 1,620 (1.62 %)
    expect(first).toMatchObject({ status: 'filled', quantity: 162, averageFillPrice: 100 });
    expect(first!.reason).toBe('kelly: Kelly fraction 0.1625 (p = 0.55, b = 2 from metadata) of equity 100000 at 100 × 1 is 162: quantity 1 → 162');
    // p 0.9, b 3: capped at 0.25 → 250 units, 88 more; 250 × 100 × 10 % = 2,500 = 2.5 % > 2 %
    expect(second).toMatchObject({ status: 'denied', side: 'buy' });
    expect(second!.reason).toBe('stress: post-trade loss in scenario "all down 10%" would be 2500 (2.5% of equity), beyond the 2% limit');
    expect(engine.portfolio.position('X')!.quantity).toBe(162);
  });
});
