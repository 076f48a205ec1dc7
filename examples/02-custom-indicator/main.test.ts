import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSilentLogger, runDataSynth, runSystem, type BarInput } from '@grandmodel/framework';
import { describeIndicatorContract } from '@grandmodel/framework/testing';
import { SuperSmoother, superSmootherPlugin } from './super-smoother.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const TICK = 0.25;
const PERIOD = 20;
const MIN_SLOPE = 2;

/**
 * The super smoother computed the textbook way, over whole arrays (an independent check of the streaming
 * class): Ehlers' coefficients written out, `filt[i]` from `filt[i-1]` and `filt[i-2]`, NaN before `period` bars.
 */
function superSmootherBatch(bars: readonly BarInput[], period = PERIOD): [Float64Array, Float64Array] {
  const a = Math.exp((-Math.SQRT2 * Math.PI) / period);
  const b = 2 * a * Math.cos((Math.SQRT2 * Math.PI) / period);
  const close = bars.map((bar) => bar.close);
  const filt: number[] = [];
  for (let i = 0; i < close.length; i++) {
    filt.push(i < 2 ? close[i]! : (1 - b + a * a) * ((close[i]! + close[i - 1]!) / 2) + b * filt[i - 1]! - a * a * filt[i - 2]!);
  }
  const value = Float64Array.from(filt, (f, i) => (i + 1 >= period ? f : Number.NaN));
  const slope = Float64Array.from(filt, (f, i) => (i + 1 >= period ? f - filt[i - 1]! : Number.NaN));
  return [value, slope];
}

// The indicator contract, with the batch form above as the reference for every streamed value
describeIndicatorContract('super-smoother', {
  create: () => new SuperSmoother(PERIOD),
  plugin: superSmootherPlugin,
  invalidOptions: [{ period: 2 }, { period: 20.5 }, { period: '20' }],
  batch: (bars) => superSmootherBatch(bars),
});

/** Rows of a CSV written by the run, as records of named fields. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

/** The orders an independent model of the agent places: slope above +2 → long 1, below −2 → short 1, at the next open ± 1 tick. */
function expectedOrders(csv: string): { side: string; quantity: number; price: number }[] {
  const bars = readCsv(csv).map((row) => ({ start: Date.parse(row['timestamp']!), open: Number(row['open']), high: Number(row['high']), low: Number(row['low']), close: Number(row['close']), volume: Number(row['volume']) }));
  const [, slope] = superSmootherBatch(bars);
  const orders: { side: string; quantity: number; price: number }[] = [];
  let position = 0;
  for (let i = 0; i + 1 < bars.length; i++) {
    const s = slope[i]!;
    const target = s > MIN_SLOPE ? 1 : s < -MIN_SLOPE ? -1 : Number.NaN;
    if (Number.isNaN(target) || target === position) continue;
    const side = target > position ? 'buy' : 'sell';
    orders.push({ side, quantity: Math.abs(target - position), price: bars[i + 1]!.open + (side === 'buy' ? TICK : -TICK) });
    position = target;
  }
  return orders;
}

describe('example 02: custom indicator', () => {
  it('trades the slope of the super smoother exactly as an independent model does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex02-'));
    const data = join(dir, 'nq-30m.csv');
    await runDataSynth({ symbol: 'NQ', from: '2024-01-01', to: '2024-02-15', seed: 11, timeframe: '30m', tickSize: TICK, startPrice: 17000, out: data });
    const run = await runSystem({ config: join(here, 'grandmodel.config.yaml'), set: [`data.options.path=${data}`], out: join(dir, 'run'), env: {}, logger: createSilentLogger() });

    const orders = readCsv(join(run.dir, 'orders.csv'));
    const expected = expectedOrders(data);
    expect(expected.length).toBeGreaterThan(20);
    expect(orders.map((o) => ({ side: o['side'], quantity: Number(o['quantity']), price: Number(o['averageFillPrice']) }))).toEqual(expected);
    expect(orders.every((o) => o['status'] === 'filled' && o['tag'] === 'smoother-trend')).toBe(true);
    // 2.5 per contract per fill
    expect(run.summary.statistics.fees).toBeCloseTo(expected.reduce((sum, o) => sum + o.quantity, 0) * 2.5, 8);
  });
});
