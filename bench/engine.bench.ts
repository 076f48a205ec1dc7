// Backtest engine speed: (1) sma-cross over 1,000,000 in-memory bars vs grademark running the same strategy;
// (2) end-to-end `grandmodel run` on a 1,000,000-bar CSV vs a plain streaming JS loop, with peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, createSilentLogger, generateSyntheticBars, loadSystem, writeSyntheticCsv, type Bar } from '@grandmodel/framework';
import { arrayDataSourcePlugin } from '@grandmodel/framework/testing';
import { printTable } from './bench-timer.js';
import { grademarkSmaCross } from './grademark-sma-cross.js';

const BARS = 1_000_000;
const GRADEMARK_BARS = 100_000;
const market = { symbol: 'NQ', from: '2020-01-01', seed: 11, tickSize: 0.25, startPrice: 10_000 };

function take(count: number): Bar[] {
  const bars: Bar[] = [];
  for (const bar of generateSyntheticBars({ ...market, to: '2030-01-01' })) {
    bars.push(bar);
    if (bars.length === count) break;
  }
  return bars;
}

async function engineNsPerBar(bars: Bar[]): Promise<{ ns: number; trades: number }> {
  const system = await loadSystem(
    { data: { use: 'array' }, instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }], agents: [{ use: 'sma-cross', options: { fast: 10, slow: 30, quantity: 1, allowShort: false } }], logging: { level: 'silent' } },
    { plugins: [arrayDataSourcePlugin(bars)], env: {} },
  );
  const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
  const start = process.hrtime.bigint();
  await engine.run();
  const ns = Number(process.hrtime.bigint() - start) / bars.length;
  return { ns, trades: engine.orders.allOrders().filter((o) => o.status === 'filled').length };
}

const bars = take(BARS);
await engineNsPerBar(bars.slice(0, 50_000)); // warm-up
const ours = await engineNsPerBar(bars);
const oursSubset = await engineNsPerBar(bars.slice(0, GRADEMARK_BARS));
const grademark = grademarkSmaCross(bars.slice(0, GRADEMARK_BARS), 10, 30);
printTable([
  ['in-memory sma-cross backtest', 'bars', 'ns/bar', 'fills/trades', 'grademark ÷ ours'],
  ['GrandModel engine', BARS, ours.ns, ours.trades, ''],
  ['GrandModel engine', GRADEMARK_BARS, oursSubset.ns, oursSubset.trades, ''],
  ['grademark 0.3', GRADEMARK_BARS, grademark.ns, grademark.trades, grademark.ns / oursSubset.ns],
]);
process.stdout.write('goal: at least 5x faster than grademark (grademark measured on 100k bars; it is too slow for 1M)\n\n');

// End to end: both sides run in a child process each, so their peak RSS is their own
const dir = mkdtempSync(join(tmpdir(), 'gm-bench-'));
const csv = join(dir, 'nq-1m.csv');
// Three years of 23-hour sessions, five days a week: about 1.07 million 1-minute bars
await writeSyntheticCsv({ ...market, to: '2023-01-01' }, csv);
const here = fileURLToPath(new URL('.', import.meta.url));
const child = (script: string): { ms: number; rssMb: number; bars: number } => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, script), csv, dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { ms: number; rssMb: number; bars: number };
};
const plain = child('e2e-plain-loop.child.ts');
const run = child('e2e-grandmodel-run.child.ts');
printTable([
  ['end to end on a CSV', 'bars', 'seconds', 'bars/s', 'peak RSS MB', 'ratio to plain loop'],
  ['plain streaming JS loop', plain.bars, plain.ms / 1000, plain.bars / (plain.ms / 1000), plain.rssMb, 1],
  ['grandmodel run', run.bars, run.ms / 1000, run.bars / (run.ms / 1000), run.rssMb, run.ms / plain.ms],
]);
process.stdout.write('goals: within 3x of the plain loop; RSS does not grow with file length, well under 300 MB\n');
rmSync(dir, { recursive: true, force: true });
