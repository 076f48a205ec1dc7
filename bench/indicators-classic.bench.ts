/**
 * Benchmark of the classic streaming indicators in @grandmodel/plugins-indicators, measured in one run against
 * (a) a plain Float64Array loop written here computing the same thing (the floor: no objects, no dispatch),
 * (b) trading-signals v8 streaming indicators, and (c) indicatorts batch functions. Also shows that streaming
 * updates allocate nothing: rounds of 1M updates of every classic indicator, measured with V8 heap-space
 * statistics (bytes allocated in the young generation, where a boxed number would land) and a GC counter.
 * Exits with code 1 when an indicator allocates in steady state.
 *
 * Run: npm run bench -- indicators-classic   (about 20 s)
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SeededRandom } from '@grandmodel/framework';
import type { BarInput, Indicator } from '@grandmodel/framework';
import * as indicatorts from 'indicatorts';
import * as ts from 'trading-signals';
import {
  AverageTrueRange,
  BollingerBands,
  ExponentialMovingAverage,
  MovingAverageConvergenceDivergence,
  RelativeStrengthIndex,
  SimpleMovingAverage,
  classicIndicators,
  runBatch,
} from '@grandmodel/plugins-indicators';
import type { BatchInput } from '@grandmodel/plugins-indicators';

const BAR_COUNT = 200_000;
const ALLOCATION_UPDATES = 1_000_000;
const REPEATS = 3;

// ---------- data ----------

const random = new SeededRandom(2024);
const bars: BarInput[] = [];
{
  let close = 15_000;
  for (let i = 0; i < BAR_COUNT; i++) {
    const open = close;
    close = Math.max(100, open + 12 * random.normal());
    const high = Math.max(open, close) + 6 * random.next();
    const low = Math.min(open, close) - 6 * random.next();
    bars.push({ start: 1_700_000_000_000 + i * 1_800_000, open, high, low, close, volume: 1 + random.int(5000) });
  }
}
const columns: Required<BatchInput> = {
  start: Float64Array.from(bars, (bar) => bar.start),
  open: Float64Array.from(bars, (bar) => bar.open),
  high: Float64Array.from(bars, (bar) => bar.high),
  low: Float64Array.from(bars, (bar) => bar.low),
  close: Float64Array.from(bars, (bar) => bar.close),
  volume: Float64Array.from(bars, (bar) => bar.volume),
};
const closeList = Array.from(columns.close);
const highList = Array.from(columns.high);
const lowList = Array.from(columns.low);
const candles = bars.map((bar) => ({ open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume }));

// ---------- timing ----------

/** Best of REPEATS timed runs (after one warm-up run) of `run`, in ns per bar; `run` returns a checksum. */
function nsPerBar(run: () => number): { ns: number; last: number } {
  let last = run();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    last = run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / BAR_COUNT);
  }
  if (Number.isNaN(last)) throw new Error('benchmark produced NaN');
  return { ns: best, last };
}

/** Feeds every bar to fresh indicators from `create` and returns the last value of output 0 of the first. */
function streamOurs(create: () => Indicator[]): number {
  const indicators = create();
  const count = indicators.length;
  for (let i = 0; i < BAR_COUNT; i++) {
    const bar = bars[i]!;
    for (let j = 0; j < count; j++) indicators[j]!.update(bar);
  }
  return indicators[0]!.values[0]!;
}

function checkClose(label: string, a: number, b: number): void {
  if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)))) throw new Error(`${label}: results differ, ${a} vs ${b}`);
}

// ---------- plain Float64Array loops (the same math, no objects) ----------

function plainSma(period: number): number {
  const close = columns.close;
  let sum = 0;
  let value = Number.NaN;
  for (let i = 0; i < BAR_COUNT; i++) {
    sum += close[i]!;
    if (i >= period) sum -= close[i - period]!;
    if (i >= period - 1) value = sum / period;
  }
  return value;
}

function plainEma(values: Float64Array, period: number, out?: Float64Array): number {
  const alpha = 2 / (period + 1);
  let seed = 0;
  let value = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (i < period) {
      seed += x;
      if (i === period - 1) value = seed / period;
    } else {
      value += alpha * (x - value);
    }
    if (out !== undefined) out[i] = value;
  }
  return value;
}

function plainRsi(period: number): number {
  const close = columns.close;
  let gain = 0;
  let loss = 0;
  let value = Number.NaN;
  for (let i = 1; i < BAR_COUNT; i++) {
    const change = close[i]! - close[i - 1]!;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (i <= period) {
      gain += up / period;
      loss += down / period;
    } else {
      gain += (up - gain) / period;
      loss += (down - loss) / period;
    }
    if (i >= period) value = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return value;
}

function plainAtr(period: number): number {
  const { high, low, close } = columns;
  let value = 0;
  for (let i = 0; i < BAR_COUNT; i++) {
    const range = i === 0 ? high[i]! - low[i]! : Math.max(high[i]! - low[i]!, Math.abs(high[i]! - close[i - 1]!), Math.abs(low[i]! - close[i - 1]!));
    if (i < period) value += range / period;
    else value += (range - value) / period;
  }
  return value;
}

function plainBollinger(period: number): number {
  const close = columns.close;
  let sum = 0;
  let squares = 0;
  let upper = Number.NaN;
  for (let i = 0; i < BAR_COUNT; i++) {
    const x = close[i]!;
    sum += x;
    squares += x * x;
    if (i >= period) {
      const old = close[i - period]!;
      sum -= old;
      squares -= old * old;
    }
    if (i >= period - 1) {
      const mean = sum / period;
      upper = mean + 2 * Math.sqrt(Math.max(0, squares / period - mean * mean));
    }
  }
  return sum / period + 0 * upper;
}

const macdScratch = { fast: new Float64Array(BAR_COUNT), slow: new Float64Array(BAR_COUNT), line: new Float64Array(BAR_COUNT - 25) };
function plainMacd(): number {
  plainEma(columns.close, 12, macdScratch.fast);
  plainEma(columns.close, 26, macdScratch.slow);
  for (let i = 25; i < BAR_COUNT; i++) macdScratch.line[i - 25] = macdScratch.fast[i]! - macdScratch.slow[i]!;
  plainEma(macdScratch.line, 9);
  return macdScratch.line[BAR_COUNT - 26]!;
}

// ---------- trading-signals streaming ----------

function tradingSignals<T>(create: () => { update(input: T, replace: boolean): unknown }, input: (i: number) => T, read: (indicator: never) => number): number {
  const indicator = create();
  for (let i = 0; i < BAR_COUNT; i++) indicator.update(input(i), false);
  return read(indicator as never);
}
const closeAt = (i: number) => columns.close[i]!;
const candleAt = (i: number) => candles[i]!;
const resultOf = (indicator: { getResultOrThrow(): number }) => indicator.getResultOrThrow();

// ---------- streaming table ----------

interface StreamCase {
  readonly name: string;
  readonly ours: () => Indicator;
  readonly plain: () => number;
  /** trading-signals seeds its EMAs with the first price; by the last of 200k bars that seed is long forgotten. */
  readonly tradingSignals: () => number;
}

const streamCases: StreamCase[] = [
  { name: 'SMA(20)', ours: () => new SimpleMovingAverage({ period: 20 }), plain: () => plainSma(20), tradingSignals: () => tradingSignals(() => new ts.SMA(20), closeAt, resultOf) },
  { name: 'EMA(20)', ours: () => new ExponentialMovingAverage({ period: 20 }), plain: () => plainEma(columns.close, 20), tradingSignals: () => tradingSignals(() => new ts.EMA(20), closeAt, resultOf) },
  { name: 'RSI(14)', ours: () => new RelativeStrengthIndex({ period: 14 }), plain: () => plainRsi(14), tradingSignals: () => tradingSignals(() => new ts.RSI(14), closeAt, resultOf) },
  { name: 'ATR(14)', ours: () => new AverageTrueRange({ period: 14 }), plain: () => plainAtr(14), tradingSignals: () => tradingSignals(() => new ts.ATR(14), candleAt, resultOf) },
  {
    name: 'Bollinger(20, 2)',
    ours: () => new BollingerBands({ period: 20 }),
    plain: () => plainBollinger(20),
    tradingSignals: () => tradingSignals(() => new ts.BollingerBands(20, 2), closeAt, (b: ts.BollingerBands) => b.getResultOrThrow().middle),
  },
  {
    name: 'MACD(12, 26, 9)',
    ours: () => new MovingAverageConvergenceDivergence(),
    plain: () => plainMacd(),
    tradingSignals: () => tradingSignals(() => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)), closeAt, (m: ts.MACD) => m.getResultOrThrow().macd),
  },
];

const table: string[][] = [['streaming, ns/update', 'ours', 'plain loop', 'trading-signals', 'ours / plain', 'trading-signals / ours']];
const format = (ns: number) => (ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
for (const testCase of streamCases) {
  const ours = nsPerBar(() => streamOurs(() => [testCase.ours()]));
  const plain = nsPerBar(testCase.plain);
  const theirs = nsPerBar(testCase.tradingSignals);
  checkClose(`${testCase.name} ours vs plain`, ours.last, plain.last);
  checkClose(`${testCase.name} ours vs trading-signals`, ours.last, theirs.last);
  table.push([testCase.name, format(ours.ns), format(plain.ns), format(theirs.ns), `${(ours.ns / plain.ns).toFixed(1)}x`, `${(theirs.ns / ours.ns).toFixed(1)}x`]);
}

// The six together on every bar
{
  const ours = nsPerBar(() => streamOurs(() => streamCases.map((testCase) => testCase.ours())));
  const plain = nsPerBar(() => streamCases.reduce((sum, testCase) => sum + testCase.plain(), 0));
  const theirs = nsPerBar(() => {
    const sma = new ts.SMA(20);
    const ema = new ts.EMA(20);
    const rsi = new ts.RSI(14);
    const atr = new ts.ATR(14);
    const bollinger = new ts.BollingerBands(20, 2);
    const macd = new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9));
    for (let i = 0; i < BAR_COUNT; i++) {
      const close = columns.close[i]!;
      sma.update(close, false);
      ema.update(close, false);
      rsi.update(close, false);
      atr.update(candles[i]!, false);
      bollinger.update(close, false);
      macd.update(close, false);
    }
    return sma.getResultOrThrow();
  });
  table.push(['all six per bar', format(ours.ns), format(plain.ns), format(theirs.ns), `${(ours.ns / plain.ns).toFixed(1)}x`, `${(theirs.ns / ours.ns).toFixed(1)}x`]);
}

// ---------- batch into caller buffers vs indicatorts ----------

interface BatchCase {
  readonly name: string;
  readonly ours: () => Indicator;
  readonly indicatorts: () => number;
}
const batchCases: BatchCase[] = [
  { name: 'SMA(20)', ours: () => new SimpleMovingAverage({ period: 20 }), indicatorts: () => indicatorts.sma(closeList, { period: 20 }).at(-1)! },
  { name: 'EMA(20)', ours: () => new ExponentialMovingAverage({ period: 20 }), indicatorts: () => indicatorts.ema(closeList, { period: 20 }).at(-1)! },
  { name: 'RSI(14)', ours: () => new RelativeStrengthIndex({ period: 14 }), indicatorts: () => indicatorts.rsi(closeList, { period: 14 }).at(-1)! },
  { name: 'ATR(14)', ours: () => new AverageTrueRange({ period: 14 }), indicatorts: () => indicatorts.atr(highList, lowList, closeList, { period: 14 }).atrLine.at(-1)! },
  { name: 'Bollinger(20, 2)', ours: () => new BollingerBands({ period: 20 }), indicatorts: () => indicatorts.bb(closeList, { period: 20 }).middle.at(-1)! },
  { name: 'MACD(12, 26, 9)', ours: () => new MovingAverageConvergenceDivergence(), indicatorts: () => indicatorts.macd(closeList, { fast: 12, slow: 26, signal: 9 }).macdLine.at(-1)! },
];
const batchTable: string[][] = [['batch of 200k bars, ns/bar', 'ours (runBatch into buffers)', 'indicatorts', 'indicatorts / ours']];
for (const testCase of batchCases) {
  const indicator = testCase.ours();
  const out = indicator.outputs.map(() => new Float64Array(BAR_COUNT));
  const ours = nsPerBar(() => {
    runBatch(indicator, columns, out);
    return out[0]![BAR_COUNT - 1]!;
  });
  const theirs = nsPerBar(testCase.indicatorts);
  batchTable.push([testCase.name, format(ours.ns), format(theirs.ns), `${(theirs.ns / ours.ns).toFixed(1)}x`]);
}

// ---------- allocation: 1M streaming updates of every classic indicator ----------

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
let gcEvents = 0;
const observer = new PerformanceObserver((list) => {
  gcEvents += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });
const flushGcEntries = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Bytes in use in V8's young generation, where every short-lived object (a boxed number too) is first allocated. */
const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;

/** Feeds `count` bars (cycling through the data) to one indicator. */
function feed(indicator: Indicator, count: number): void {
  for (let n = 0, i = 0; n < count; n++) {
    indicator.update(bars[i]!);
    i = i + 1 === BAR_COUNT ? 0 : i + 1;
  }
}

const ROUNDS = 3;
const allocationTable: string[][] = [
  ['1M updates', 'young-gen bytes, best round', 'bytes / update', 'young-gen bytes, worst round', 'GC runs (all rounds)', 'heap used growth, best round (all spaces, incl. code)'],
];
let allocatingIndicators = 0;
let totalYoung = 0;
let totalGcRuns = 0;
for (const plugin of classicIndicators) {
  const indicator = (await plugin.create({ options: plugin.options.parse({}) } as never)) as Indicator;
  // Warm up past the first periodic recomputations so every branch has run and the update is optimised
  feed(indicator, 200_000);
  feed(indicator, ALLOCATION_UPDATES);
  collectGarbage();
  await flushGcEntries();
  gcEvents = 0;
  // Reading the heap statistics allocates a little itself; measure that and subtract it
  const probe = youngBytes();
  const overhead = youngBytes() - probe;
  let best = Number.POSITIVE_INFINITY;
  let worst = 0;
  let bestHeapGrowth = 0;
  // A late re-optimisation runs the update in the interpreter for a while, which boxes numbers; the best of a few
  // rounds is the steady state, the worst round shows whether that happened
  for (let round = 0; round < ROUNDS; round++) {
    const heapBefore = getHeapStatistics().used_heap_size;
    const youngBefore = youngBytes();
    feed(indicator, ALLOCATION_UPDATES);
    const young = Math.max(0, youngBytes() - youngBefore - overhead);
    if (young < best) {
      best = young;
      bestHeapGrowth = getHeapStatistics().used_heap_size - heapBefore;
    }
    worst = Math.max(worst, young);
  }
  await flushGcEntries();
  totalYoung += best;
  totalGcRuns += gcEvents;
  // A boxed number is 16 bytes, so even one allocation every 100 updates would show as 160,000 bytes here
  if (best > 16_384) allocatingIndicators++;
  allocationTable.push([plugin.manifest.id, String(best), (best / ALLOCATION_UPDATES).toFixed(4), String(worst), String(gcEvents), String(bestHeapGrowth)]);
}
observer.disconnect();

// ---------- report ----------

function print(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
  process.stdout.write('\n');
}
process.stdout.write(`Classic indicators, ${BAR_COUNT.toLocaleString('en')} random-walk bars, best of ${REPEATS} runs (Node ${process.version})\n\n`);
print(table);
print(batchTable);
print(allocationTable);
process.stdout.write(
  `Allocation: ${classicIndicators.length} indicators × ${ROUNDS} rounds of ${ALLOCATION_UPDATES.toLocaleString('en')} updates: ` +
    `${totalYoung} young-generation bytes in the best rounds together, ${totalGcRuns} GC runs; ${allocatingIndicators} indicator(s) allocating\n`,
);
if (allocatingIndicators > 0) process.exitCode = 1;
