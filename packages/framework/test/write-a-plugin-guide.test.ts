import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { loadSystem } from '../src/engine/load-system.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import { arrayDataSourcePlugin, makeBar } from '../src/testing/array-data-source.js';

const guidesDir = fileURLToPath(new URL('../../../docs/guides/', import.meta.url));

describe('the "write a plugin" guide', () => {
  it('shows the example file verbatim', () => {
    const guide = readFileSync(`${guidesDir}write-a-plugin.md`, 'utf8');
    const code = readFileSync(`${guidesDir}examples/breakout-agent.ts`, 'utf8');
    const block = /<!-- example:breakout-agent.ts -->\n```ts\n([\s\S]*?)```\n<!-- \/example -->/.exec(guide);
    expect(block?.[1]).toBe(code);
  });

  it('loads the example plugin from its .ts file through config and trades the breakout', async () => {
    // Closes 100,101,100,101 make a channel [high 101.5, low 99.5]; bar 4 closes at 103 above it: buy 2
    // at bar 5's open (= 103). Bar 6 closes at 95, below the previous 3 lows: sell 2 at bar 7's open (= 95)
    const closes = [100, 101, 100, 101, 103, 104, 95, 95];
    const bars = closes.map((close, i) => {
      const open = i === 0 ? close : closes[i - 1]!;
      return makeBar({ start: Date.UTC(2024, 0, 2, 15, i), open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close });
    });
    const system = await loadSystem(
      { plugins: ['./examples/breakout-agent.ts'], data: { use: 'array' }, agents: [{ use: 'breakout', options: { lookback: 3, quantity: 2 } }] },
      { plugins: [arrayDataSourcePlugin(bars)], baseDir: guidesDir, env: {} },
    );
    expect(system.registry.get('breakout')?.origin).toBe('./examples/breakout-agent.ts');
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    await engine.run();
    const orders = engine.orders.allOrders().map((o) => [o.side, o.quantity, o.averageFillPrice]);
    expect(orders).toEqual([
      ['buy', 2, 103],
      ['sell', 2, 95],
    ]);
    expect(engine.portfolio.realizedPnl).toBe((95 - 103) * 2);
  });
});
