import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JsonLinesDataSource } from '../../../docs/guides/examples/json-lines-data-source.js';
import { Engine } from '../src/engine/engine.js';
import { loadSystem } from '../src/engine/load-system.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import type { Bar } from '../src/model/bar.js';

const guidesDir = fileURLToPath(new URL('../../../docs/guides/', import.meta.url));

/** A JSON Lines file of 1-minute bars with the given closes, each opening at the previous close. */
function writeBars(closes: readonly number[], extraLines: readonly string[] = []): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gm-jsonl-')), 'bars.jsonl');
  const lines = closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1]!;
    return JSON.stringify({ t: new Date(Date.UTC(2024, 0, 2, 15, i)).toISOString(), o: open, h: Math.max(open, close) + 0.5, l: Math.min(open, close) - 0.5, c: close, v: 10 + i });
  });
  writeFileSync(file, [...lines, ...extraLines].join('\n') + '\n');
  return file;
}

async function readAll(source: JsonLinesDataSource, range = {}): Promise<(readonly Bar[])[]> {
  const batches: (readonly Bar[])[] = [];
  for await (const batch of source.read(range)) batches.push(batch);
  return batches;
}

describe('the "write a data source" guide: examples/json-lines-data-source.ts', () => {
  it('is loaded through plugins: and drives a backtest whose orders are checked by hand', async () => {
    // SMA(2) − SMA(3) crosses up on bar 4 and down on bar 7: buy 1 at bar 5's open (101), sell 2 at bar 8's open (99)
    const file = writeBars([100, 99, 98, 99, 101, 103, 102, 99, 97, 96]);
    const system = await loadSystem(
      {
        plugins: ['./examples/json-lines-data-source.ts'],
        data: { use: 'json-lines', options: { path: file, symbol: 'NQ', timeframe: '1m' } },
        agents: [{ use: 'sma-cross', options: { fast: 2, slow: 3, quantity: 1 } }],
      },
      { baseDir: guidesDir, env: {} },
    );
    expect(system.registry.get('json-lines')?.origin).toBe('./examples/json-lines-data-source.ts');
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    const result = await engine.run();
    expect(result.barsProcessed).toBe(10);
    expect(engine.orders.allOrders().map((order) => [order.side, order.quantity, order.averageFillPrice])).toEqual([
      ['buy', 1, 101],
      ['sell', 2, 99],
    ]);
  });

  it('yields checked bars in batches, inside the requested range, and counts them', async () => {
    const file = writeBars([10, 11, 12, 13, 14]);
    const source = new JsonLinesDataSource({ path: file, symbol: 'ES', timeframe: '1m', batchSize: 2 }, '/');
    const all = await readAll(source);
    expect(all.map((batch) => batch.map((bar) => bar.close))).toEqual([[10, 11], [12, 13], [14]]);
    expect(all[0]![1]).toEqual({ symbol: 'ES', timeframe: '1m', start: Date.UTC(2024, 0, 2, 15, 1), end: Date.UTC(2024, 0, 2, 15, 2), open: 10, high: 11.5, low: 9.5, close: 11, volume: 11, synthetic: false });
    expect(source.stats()).toEqual({ rowsRead: 5, recordsEmitted: 5, rowsRejected: 0 });
    const ranged = await readAll(source, { from: Date.UTC(2024, 0, 2, 15, 1), to: Date.UTC(2024, 0, 2, 15, 3) });
    expect(ranged.flat().map((bar) => bar.close)).toEqual([11, 12]);
  });

  it('stops at a bad line with GM_DATA_BAD_ROW naming the file, line, field, expectation and value', async () => {
    const bad = JSON.stringify({ t: '2024-01-02T15:02:00Z', o: 12, h: 11, l: 10, c: 12, v: 5 });
    const file = writeBars([10, 11], [bad]);
    const source = new JsonLinesDataSource({ path: file, symbol: 'ES', timeframe: '1m', batchSize: 10 }, '/');
    await expect(readAll(source)).rejects.toMatchObject({ code: 'GM_DATA_BAD_ROW', message: `${file}:3 field "h": expected a number >= max(o, l, c) (12), was 11` });
    const unordered = writeBars([10, 11], [JSON.stringify({ t: '2024-01-02T15:00:30Z', o: 11, h: 11, l: 11, c: 11, v: 1 })]);
    await expect(readAll(new JsonLinesDataSource({ path: unordered, symbol: 'ES', timeframe: '1m', batchSize: 10 }, '/'))).rejects.toMatchObject({
      message: `${unordered}:3 field "t": expected a bar start after 2024-01-02T15:01:00.000Z, was "2024-01-02T15:00:30.000Z"`,
    });
    await expect(readAll(new JsonLinesDataSource({ path: join(tmpdir(), 'no-such-file.jsonl'), symbol: 'ES', timeframe: '1m', batchSize: 10 }, '/'))).rejects.toMatchObject({ code: 'GM_DATA_FILE' });
  });
});
