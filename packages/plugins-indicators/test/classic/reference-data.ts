// Inputs and helpers for the independent checks of the classic indicators
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '@grandmodel/framework';
import type { BarInput, Indicator } from '@grandmodel/framework';

/** Root of the repository checkout. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Real NQ 30-minute bars beside the checkout (`../shared`), absent on machines without it. */
export const NQ_CSV = resolve(REPO_ROOT, '../shared/data/nq-30m.csv');

/** Number of NQ bars the real-data checks use (about a year of 30-minute bars). */
export const NQ_BAR_COUNT = 12_000;

/**
 * Returns `count` seeded random-walk bars around 100 with prices on a 0.01 grid (so equal highs and lows occur,
 * exercising tie rules), 30 minutes apart from 2024-01-01T00:00Z, and integer volumes.
 */
export function seededBars(count = 600, seed = 42): BarInput[] {
  const random = new SeededRandom(seed);
  const tick = (x: number) => Math.round(x * 100) / 100;
  const bars: BarInput[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = tick(Math.max(5, open + 0.8 * random.normal()));
    const high = tick(Math.max(open, close) + 0.5 * random.next());
    const low = tick(Math.min(open, close) - 0.5 * random.next());
    bars.push({ start: Date.UTC(2024, 0, 1) + i * 1_800_000, open, high, low, close, volume: 100 + random.int(10_000) });
  }
  return bars;
}

/** Reads the first `limit` NQ bars; timestamps are naive wall-clock times, read as UTC. */
export function nqBars(limit = NQ_BAR_COUNT): BarInput[] {
  const lines = readFileSync(NQ_CSV, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split(',') ?? [];
  if (header.join(',') !== 'timestamp,open,high,low,close,volume') throw new Error(`${NQ_CSV}:1 header: expected timestamp,open,high,low,close,volume, was "${lines[0]}"`);
  const bars: BarInput[] = [];
  for (let i = 1; i < lines.length && bars.length < limit; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const [timestamp, open, high, low, close, volume] = line.split(',');
    const start = Date.parse(`${timestamp}Z`);
    const numbers = [open, high, low, close, volume].map(Number);
    if (Number.isNaN(start) || numbers.some(Number.isNaN)) throw new Error(`${NQ_CSV}:${i + 1}: expected a timestamp and five numbers, was "${line}"`);
    const [o, h, l, c, v] = numbers as [number, number, number, number, number];
    bars.push({ start, open: o, high: h, low: l, close: c, volume: v });
  }
  return bars;
}

/** True when the shared NQ data is present. */
export const hasNq = existsSync(NQ_CSV);

/** Feeds bars to an indicator and returns one column per output (NaN before warm-up). */
export function streamColumns(indicator: Indicator, bars: readonly BarInput[]): Float64Array[] {
  const columns = indicator.outputs.map(() => new Float64Array(bars.length));
  bars.forEach((bar, i) => {
    indicator.update(bar);
    for (let k = 0; k < columns.length; k++) columns[k]![i] = indicator.values[k]!;
  });
  return columns;
}

/** Places a reference series that starts late (technicalindicators style) at the end of a bar-aligned column. */
export function alignTail(values: readonly (number | undefined)[], length: number): Float64Array {
  const column = new Float64Array(length).fill(Number.NaN);
  const offset = length - values.length;
  values.forEach((value, j) => {
    if (value !== undefined) column[offset + j] = value;
  });
  return column;
}

/** Runs a streaming reference (trading-signals style) bar by bar, reading each result into one or more columns. */
export function collect<T>(length: number, outputs: number, step: (i: number) => T | null | undefined, read: (result: T, k: number) => number): Float64Array[] {
  const columns = Array.from({ length: outputs }, () => new Float64Array(length).fill(Number.NaN));
  for (let i = 0; i < length; i++) {
    const result = step(i);
    if (result === null || result === undefined) continue;
    for (let k = 0; k < outputs; k++) columns[k]![i] = read(result, k);
  }
  return columns;
}

/** Column-wise OHLCV arrays of bars (plain number arrays for the reference libraries). */
export function columnsOf(bars: readonly BarInput[]) {
  return {
    open: bars.map((bar) => bar.open),
    high: bars.map((bar) => bar.high),
    low: bars.map((bar) => bar.low),
    close: bars.map((bar) => bar.close),
    volume: bars.map((bar) => bar.volume),
  };
}
