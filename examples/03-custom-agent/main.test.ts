import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSilentLogger, runDataSynth, runSystem } from '@grandmodel/framework';

const here = fileURLToPath(new URL('.', import.meta.url));
const NQ = { tick: 0.25, multiplier: 20, fee: 2.5 };
const SETTINGS = { lookback: 20, entryZ: 2, stopZ: 1.5 };

interface Bar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** One round trip as the independent model sees it. */
interface ModelTrade {
  side: 'buy' | 'sell';
  entryPrice: number;
  stopLoss: number;
  takeProfit: number;
  exit: 'sl' | 'tp' | 'open';
  exitPrice: number;
}

/** Rows of a CSV file as records of named fields. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

/**
 * How a bracket's legs end on one bar, by the simulated venue's documented rules: a bar that opens through the
 * take-profit fills it at the open; one that opens through the stop fills it at the open with one tick of
 * slippage; otherwise a touched stop wins (also when both are touched) at the stop ± one tick; else a touched
 * take-profit fills at its price.
 */
function legOutcome(trade: ModelTrade, bar: Bar): { exit: 'sl' | 'tp'; price: number } | undefined {
  const long = trade.side === 'buy';
  const slip = long ? -NQ.tick : NQ.tick;
  const beyondProfit = (price: number) => (long ? price >= trade.takeProfit : price <= trade.takeProfit);
  const beyondStop = (price: number) => (long ? price <= trade.stopLoss : price >= trade.stopLoss);
  if (beyondProfit(bar.open)) return { exit: 'tp', price: bar.open };
  if (beyondStop(bar.open)) return { exit: 'sl', price: bar.open + slip };
  if (beyondStop(long ? bar.low : bar.high)) return { exit: 'sl', price: trade.stopLoss + slip };
  if (beyondProfit(long ? bar.high : bar.low)) return { exit: 'tp', price: trade.takeProfit };
  return undefined;
}

/**
 * An independent model of the example: the window statistics recomputed from scratch with a two-pass
 * variance at every bar, entries filled at the next open one tick against the order, legs worked from the
 * entry bar on by `legOutcome`, and the agent idle until the bar on which the position closed.
 */
function modelTrades(bars: readonly Bar[]): ModelTrade[] {
  const trades: ModelTrade[] = [];
  const { lookback, entryZ, stopZ } = SETTINGS;
  let busyUntil = -1;
  for (let i = lookback - 1; i + 1 < bars.length; i++) {
    if (i < busyUntil) continue;
    const window = bars.slice(i - lookback + 1, i + 1).map((bar) => bar.close);
    const mean = window.reduce((sum, close) => sum + close, 0) / lookback;
    const deviation = Math.sqrt(window.reduce((sum, close) => sum + (close - mean) ** 2, 0) / lookback);
    const close = bars[i]!.close;
    const score = (close - mean) / deviation;
    if (!(Math.abs(score) > entryZ)) continue;
    const long = score < 0;
    const toTick = (price: number) => (long ? Math.floor(price / NQ.tick) : Math.ceil(price / NQ.tick)) * NQ.tick;
    const entryBar = bars[i + 1]!;
    const trade: ModelTrade = {
      side: long ? 'buy' : 'sell',
      entryPrice: entryBar.open + (long ? NQ.tick : -NQ.tick),
      takeProfit: toTick(mean),
      stopLoss: toTick(long ? close - stopZ * deviation : close + stopZ * deviation),
      exit: 'open',
      exitPrice: Number.NaN,
    };
    trades.push(trade);
    busyUntil = bars.length;
    for (let j = i + 1; j < bars.length; j++) {
      const outcome = legOutcome(trade, bars[j]!);
      if (outcome === undefined) continue;
      trade.exit = outcome.exit;
      trade.exitPrice = outcome.price;
      // Flat again after bar j: the agent decides on bar j's close
      busyUntil = j;
      break;
    }
  }
  return trades;
}

describe('example 03: custom agent', () => {
  it('enters, brackets and exits exactly as an independent model of the agent and the venue rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex03-'));
    const data = join(dir, 'nq-30m.csv');
    await runDataSynth({ symbol: 'NQ', from: '2024-01-01', to: '2024-04-01', seed: 9, timeframe: '30m', tickSize: NQ.tick, startPrice: 17000, out: data });
    const run = await runSystem({ config: join(here, 'grandmodel.config.yaml'), set: [`data.options.path=${data}`], out: join(dir, 'run'), env: {}, logger: createSilentLogger() });

    const bars = readCsv(data).map((row) => ({ open: Number(row['open']), high: Number(row['high']), low: Number(row['low']), close: Number(row['close']) }));
    const expected = modelTrades(bars);
    expect(expected.length).toBeGreaterThan(20);
    // Seed 9 exercises every rule of legOutcome: gaps through either leg, both legs touched, exits on the entry bar
    expect(expected.some((trade) => trade.exit === 'sl')).toBe(true);
    expect(expected.some((trade) => trade.exit === 'tp')).toBe(true);

    const orders = readCsv(join(run.dir, 'orders.csv'));
    const actual = orders
      .filter((order) => order['parentId'] === '')
      .map((entry): ModelTrade => {
        const leg = (suffix: string) => orders.find((order) => order['id'] === `${entry['id']}-${suffix}1`)!;
        const [stop, profit] = [leg('sl'), leg('tp')];
        const exit = stop['status'] === 'filled' ? 'sl' : profit['status'] === 'filled' ? 'tp' : 'open';
        return {
          side: entry['side'] as 'buy' | 'sell',
          entryPrice: Number(entry['averageFillPrice']),
          stopLoss: Number(stop['stopPrice']),
          takeProfit: Number(profit['limitPrice']),
          exit,
          exitPrice: exit === 'sl' ? Number(stop['averageFillPrice']) : exit === 'tp' ? Number(profit['averageFillPrice']) : Number.NaN,
        };
      });
    expect(actual).toEqual(expected);

    // Closed round trips add up: gross PnL per the model's prices, 2.5 per contract per fill
    const closed = expected.filter((trade) => trade.exit !== 'open');
    const gross = closed.reduce((sum, t) => sum + (t.side === 'buy' ? t.exitPrice - t.entryPrice : t.entryPrice - t.exitPrice) * NQ.multiplier, 0);
    const trades = readCsv(join(run.dir, 'trades.csv')).filter((trade) => trade['status'] === 'closed');
    expect(trades.length).toBe(closed.length);
    expect(trades.reduce((sum, t) => sum + Number(t['grossPnl']), 0)).toBeCloseTo(gross, 6);
    const fills = expected.length + closed.length;
    expect(run.summary.statistics.fees).toBeCloseTo(fills * NQ.fee, 8);
  });
});
