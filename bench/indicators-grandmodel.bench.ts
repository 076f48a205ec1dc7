/**
 * Benchmark of the GrandModel 30-minute indicators: nanoseconds per bar for MLMI, NW-RQK, FVG, LVN, MMD and the
 * whole feature set, each against a plain SMA(20) loop over the same bars measured in the same run.
 * Uses the real NQ 30-minute bars from ../shared when present, else a seeded random walk. Then shows each one's heap
 * growth per bar in steady state (after warm-up and a full collection).
 *
 * Run: npm run bench -- indicators-grandmodel   (about 30 seconds)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BarInput, Indicator } from '@grandmodel/framework';
import { SeededRandom } from '@grandmodel/framework';
import {
  AuxiliaryRegimeFeatures,
  FairValueGap,
  GrandModelAverageTrueRange,
  GrandModelFeatureSet,
  HeikenAshi,
  LowVolumeNode,
  MachineLearningMarketIndicator,
  MaximumMeanDiscrepancy,
  NadarayaWatsonRationalQuadratic,
} from '@grandmodel/plugins-indicators';

const BAR_LIMIT = 40_000;
const MIN_PASSES = 2;
const MIN_CPU_MS = 1500;
const DATA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/nq-30m.csv');

// ---------- bars ----------

function loadBars(): { bars: BarInput[]; source: string } {
  if (existsSync(DATA_FILE)) {
    const lines = readFileSync(DATA_FILE, 'utf8').trim().split('\n').slice(1, BAR_LIMIT + 1);
    const bars = lines.map((line) => {
      const [timestamp, open, high, low, close, volume] = line.split(',');
      return { start: Date.parse(`${timestamp}Z`), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
    });
    return { bars, source: `real NQ 30m bars (${bars.length})` };
  }
  const random = new SeededRandom(42);
  const bars: BarInput[] = [];
  let price = 10_000;
  for (let index = 0; index < BAR_LIMIT; index += 1) {
    const open = price;
    const close = Math.round((open + random.normal() * 12) * 4) / 4;
    const high = Math.max(open, close) + Math.round(random.next() * 40) / 4;
    const low = Math.min(open, close) - Math.round(random.next() * 40) / 4;
    bars.push({ start: Date.UTC(2024, 0, 1) + index * 1_800_000, open, high, low, close, volume: 500 + random.int(5_000) });
    price = close;
  }
  return { bars, source: `generated random-walk bars (${bars.length})` };
}

// ---------- timing ----------

/**
 * Runs `pass` (one fresh instance over every bar) until it has used MIN_CPU_MS of CPU time, after one warm-up
 * pass, and returns CPU nanoseconds per bar. CPU time rather than wall time keeps the numbers steady on a busy machine.
 */
function nanosecondsPerBar(bars: readonly BarInput[], pass: () => number): number {
  let sink = pass();
  let passes = 0;
  const start = process.cpuUsage();
  let elapsedMicroseconds = 0;
  while (elapsedMicroseconds < MIN_CPU_MS * 1000 || passes < MIN_PASSES) {
    sink += pass();
    passes += 1;
    const used = process.cpuUsage(start);
    elapsedMicroseconds = used.user + used.system;
  }
  if (Number.isNaN(sink)) throw new Error('benchmark produced NaN');
  return (elapsedMicroseconds * 1000) / (passes * bars.length);
}

function indicatorPass(bars: readonly BarInput[], create: () => Indicator): () => number {
  return () => {
    const indicator = create();
    let sink = 0;
    for (const bar of bars) {
      indicator.update(bar);
      sink += indicator.values[0] === indicator.values[0] ? 1 : 0;
    }
    return sink;
  };
}

// The baseline: a plain running SMA(20) over the closes
function smaPass(bars: readonly BarInput[]): () => number {
  return () => {
    const window = new Float64Array(20);
    let sum = 0;
    let sink = 0;
    for (let index = 0; index < bars.length; index += 1) {
      const close = (bars[index] as BarInput).close;
      sum += close - (window[index % 20] as number);
      window[index % 20] = close;
      if (index >= 19) sink += sum / 20;
    }
    return sink;
  };
}

// ---------- heap ----------

// A full collection before measuring makes heap growth mean "allocated by the measured updates"
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Feeds a fresh indicator all but the last `measured` bars, collects garbage, then reports the heap growth per bar
 * over the rest (and GC runs during it, which would hide growth). No update allocates arrays or objects; what
 * remains is V8 boxing doubles at non-inlined call boundaries.
 */
async function steadyStateHeap(name: string, create: () => Indicator, bars: readonly BarInput[], measured: number): Promise<string[]> {
  const indicator = create();
  const split = bars.length - measured;
  for (let index = 0; index < split; index += 1) indicator.update(bars[index] as BarInput);
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  collectGarbage();
  observer.observe({ entryTypes: ['gc'] });
  const before = getHeapStatistics().used_heap_size;
  for (let index = split; index < bars.length; index += 1) indicator.update(bars[index] as BarInput);
  const after = getHeapStatistics().used_heap_size;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return [name, `${((after - before) / measured).toFixed(0)} B`, String(collections)];
}

// ---------- run ----------

const { bars, source } = loadBars();
const baseline = nanosecondsPerBar(bars, smaPass(bars));
const cases: [string, () => Indicator][] = [
  ['Heiken-Ashi', () => new HeikenAshi()],
  ['MLMI (HA close)', () => new MachineLearningMarketIndicator()],
  ['NW-RQK (HA close)', () => new NadarayaWatsonRationalQuadratic()],
  ['FVG', () => new FairValueGap()],
  ['LVN (tick 0.25)', () => new LowVolumeNode({ tickSize: 0.25 })],
  ['MMD variant A', () => new MaximumMeanDiscrepancy()],
  ['ATR (GrandModel)', () => new GrandModelAverageTrueRange()],
  ['Auxiliary 30m features', () => new AuxiliaryRegimeFeatures()],
  ['Whole feature set (93 columns)', () => new GrandModelFeatureSet({ tickSize: 0.25 })],
];
const rows = cases.map(([name, create]) => {
  const nanoseconds = nanosecondsPerBar(bars, indicatorPass(bars, create));
  return [name, format(nanoseconds), `${(nanoseconds / baseline).toFixed(0)}x`];
});
process.stdout.write(`GrandModel indicators on ${source}, CPU time per bar over at least ${MIN_PASSES} passes of a fresh instance\n`);
process.stdout.write(`Baseline: plain SMA(20) loop, ${format(baseline)} per bar\n\n`);
printTable([['Indicator', 'Per bar', 'vs SMA(20)'], ...rows]);
const heapRows: string[][] = [];
for (const [name, create] of cases) heapRows.push(await steadyStateHeap(name, create, bars, 2_000));
process.stdout.write(`\nHeap growth per bar over the last 2,000 bars, after a full collection (steady state)\n\n`);
printTable([['Indicator', 'Heap per bar', 'GC runs'], ...heapRows]);

function format(nanoseconds: number): string {
  if (nanoseconds >= 1e6) return `${(nanoseconds / 1e6).toFixed(2)} ms`;
  if (nanoseconds >= 1e3) return `${(nanoseconds / 1e3).toFixed(2)} µs`;
  return `${nanoseconds.toFixed(1)} ns`;
}

function printTable(table: string[][]): void {
  const widths = (table[0] as string[]).map((_, column) => Math.max(...table.map((row) => (row[column] as string).length)));
  for (const row of table) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ')}\n`);
}
