import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../clock/clock.js';
import type { Bar } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import { createInstrument } from '../model/instrument.js';
import type { Order, OrderIntent } from '../model/order.js';
import { Portfolio } from '../portfolio/portfolio.js';
import { SimulatedVenue } from './simulated-venue.js';
import type { SimulatedVenueOptionsInput } from './simulated-venue-options.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHARED_NQ = resolve(REPO_ROOT, '../shared/data/nq-30m.csv');
const NQ = createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20, marginRate: 0.05 });
const HALF_HOUR = 30 * 60_000;

/** Venue + portfolio wired as the engine wires them: fills go to the portfolio, closes mark it. */
function account(options: SimulatedVenueOptionsInput, cash: number) {
  const clock = new SimulatedClock(0);
  const venue = new SimulatedVenue(options, { clock, instruments: (symbol) => (symbol === 'NQ' ? NQ : undefined) });
  const portfolio = new Portfolio({ cash, instruments: [NQ] });
  const fills: Fill[] = [];
  // The bar each fill happened on, index-aligned with fills
  const fillBars: Bar[] = [];
  let current: Bar | undefined;
  const orders = new Map<string, Order>();
  venue.setListener({
    onFill: (fill) => {
      fills.push(fill);
      fillBars.push(current!);
      portfolio.applyFill(fill);
    },
    onOrderUpdate: (order) => orders.set(order.id, order),
  });
  let sequence = 0;
  const submit = (intent: OrderIntent): void => {
    sequence++;
    const now = clock.now();
    venue.submit({ timeInForce: 'gtc', ...intent, id: `o${sequence}`, clientOrderId: `c${sequence}`, status: 'submitted', filledQuantity: 0, averageFillPrice: Number.NaN, createdAt: now, updatedAt: now });
  };
  const close = (bar: Bar): void => {
    clock.set(bar.start);
    current = bar;
    venue.onBar(bar);
    portfolio.mark(bar.symbol, bar.close);
    clock.set(bar.end);
  };
  return { venue, portfolio, fills, fillBars, orders, submit, close };
}

function nqBar(index: number, open: number, high: number, low: number, close: number): Bar {
  const start = Date.UTC(2024, 0, 2, 14, 30) + index * HALF_HOUR;
  return { symbol: 'NQ', timeframe: '30m', start, end: start + HALF_HOUR, open, high, low, close, volume: 5_000, synthetic: false };
}

describe('SimulatedVenue with Portfolio', () => {
  it('books an NQ bracket round trip and a short to the cent', () => {
    const { portfolio, submit, close } = account({ fees: { perContract: 2.5 }, slippage: { ticks: 1 } }, 100_000);
    submit({ symbol: 'NQ', side: 'buy', quantity: 2, type: 'market', bracket: { stopLoss: 16_950, takeProfit: 17_050 } });
    close(nqBar(0, 17_000, 17_020, 16_980, 17_010));
    // Entry 17 000 + 1 tick = 17 000.25, fee 2 × 2.50 = 5; marked at 17 010: (17 010 − 17 000.25) × 2 × 20 = 390
    expect(portfolio.snapshot()).toMatchObject({ cash: 99_995, unrealizedPnl: 390, equity: 100_385 });
    close(nqBar(1, 17_010, 17_060, 17_000, 17_055));
    // Take-profit 17 050 (a limit: no slippage): (17 050 − 17 000.25) × 2 × 20 = 1 990, fees 5 + 5
    expect(portfolio.snapshot()).toMatchObject({ realizedPnl: 1_990, fees: 10, cash: 101_980, equity: 101_980 });
    submit({ symbol: 'NQ', side: 'sell', quantity: 3, type: 'market' });
    close(nqBar(2, 17_040, 17_045, 17_015, 17_020));
    // Short 3 at 17 040 − 1 tick = 17 039.75, fee 7.50; marked at 17 020: (17 020 − 17 039.75) × −3 × 20 = 1 185
    // Margin 3 × 17 020 × 20 × 5 % = 51 060
    expect(portfolio.snapshot()).toMatchObject({
      cash: 101_972.5,
      unrealizedPnl: 1_185,
      equity: 103_157.5,
      marginUsed: 51_060,
      availableFunds: 52_097.5,
      grossExposure: 1_021_200, // 3 × 17 020 × 20
      netExposure: -1_021_200,
      drawdown: 0,
    });
    expect(portfolio.leverage).toBeCloseTo(1_021_200 / 103_157.5, 12);
  });

  it('books the stop-loss variant of the same trade when a down bar touches both legs', () => {
    const { portfolio, fills, submit, close } = account({ fees: { perContract: 2.5 }, slippage: { ticks: 1 } }, 100_000);
    submit({ symbol: 'NQ', side: 'buy', quantity: 2, type: 'market', bracket: { stopLoss: 16_950, takeProfit: 17_050 } });
    close(nqBar(0, 17_000, 17_020, 16_980, 17_010));
    close(nqBar(1, 17_000, 17_060, 16_940, 16_990));
    // Stop 16 950 − 1 tick = 16 949.75: (16 949.75 − 17 000.25) × 2 × 20 = −2 020, fees 10
    expect(fills.map((fill) => fill.price)).toEqual([17_000.25, 16_949.75]);
    expect(portfolio.snapshot()).toMatchObject({ realizedPnl: -2_020, fees: 10, cash: 97_970, equity: 97_970, peakEquity: 100_385 });
    // Peak was 99 995 + 390 after bar 0's mark; 1 − 97 970 / 100 385
    expect(portfolio.drawdown).toBeCloseTo(1 - 97_970 / 100_385, 12);
  });
});

function loadNqBars(limit: number): Bar[] {
  const lines = readFileSync(SHARED_NQ, 'utf8').split(/\r?\n/).slice(1, limit + 1);
  return lines.map((line) => {
    const [timestamp, open, high, low, close, volume] = line.split(',');
    const start = Date.parse(`${timestamp}Z`);
    return { symbol: 'NQ', timeframe: '30m', start, end: start + HALF_HOUR, open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume), synthetic: false };
  });
}

/** A fixed rule set so every order type meets real bars: bracket entries, time exits and DAY stops. */
function runStrategy(bars: readonly Bar[]) {
  const run = account({ fees: { perContract: 2.5 }, slippage: { ticks: 1 }, participation: 0.002 }, 100_000);
  let openedAt = -1;
  for (let index = 0; index < bars.length; index++) {
    const bar = bars[index]!;
    run.close(bar);
    const held = run.portfolio.position('NQ')?.quantity ?? 0;
    if (held === 0) openedAt = -1;
    else if (openedAt < 0) openedAt = index;
    if (held === 0 && index % 5 === 0) {
      const side = index % 10 === 0 ? 'buy' : 'sell';
      const direction = side === 'buy' ? 1 : -1;
      const bracket = { stopLoss: bar.close - direction * 30, takeProfit: bar.close + direction * 45 };
      const kind = index % 3;
      const entry =
        kind === 0
          ? { type: 'limit' as const, limitPrice: bar.close - direction * 5, timeInForce: 'day' as const }
          : kind === 1
            ? { type: 'market' as const }
            : { type: 'stop' as const, stopPrice: bar.close + direction * 5, timeInForce: 'day' as const };
      run.submit({ symbol: 'NQ', side, quantity: 3, ...entry, bracket });
    } else if (held !== 0 && index - openedAt >= 24) {
      // Time exit: flatten whatever is left, reduce-only so it can never flip the position
      run.submit({ symbol: 'NQ', side: held > 0 ? 'sell' : 'buy', quantity: Math.abs(held), type: 'market', reduceOnly: true, timeInForce: 'ioc' });
      openedAt = index;
    }
  }
  return run;
}

describe.skipIf(!existsSync(SHARED_NQ))('SimulatedVenue on real NQ bars (skipped: ../shared/data/nq-30m.csv not found)', () => {
  const bars = loadNqBars(3_000);
  const run = runStrategy(bars);

  it('trades enough to be a meaningful check', () => {
    expect(run.fills.length).toBeGreaterThan(100);
    expect(new Set([...run.orders.values()].map((order) => order.type))).toEqual(new Set(['market', 'limit', 'stop']));
  });

  it('fills on the tick grid, inside the bar\'s range (one tick of slippage aside), with the per-contract fee', () => {
    run.fills.forEach((fill, index) => {
      const bar = run.fillBars[index]!;
      const order = run.orders.get(fill.orderId)!;
      const slip = order.type === 'limit' ? 0 : NQ.tickSize;
      expect(Number.isInteger(fill.price / NQ.tickSize)).toBe(true);
      expect(fill.price).toBeGreaterThanOrEqual(bar.low - slip);
      expect(fill.price).toBeLessThanOrEqual(bar.high + slip);
      expect(fill.fee).toBeCloseTo(2.5 * fill.quantity, 10);
      expect([bar.start, bar.end]).toContain(fill.time);
    });
  });

  it('ends with equity equal to an independent cash-and-holdings recomputation from the fills', () => {
    let cash = 100_000;
    let held = 0;
    for (const fill of run.fills) {
      const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
      cash -= signed * fill.price * NQ.multiplier + fill.fee;
      held += signed;
    }
    const lastClose = bars.at(-1)!.close;
    expect(run.portfolio.position('NQ')!.quantity).toBe(held);
    expect(run.portfolio.equity).toBeCloseTo(cash + held * lastClose * NQ.multiplier, 6);
  });

  it('is deterministic: a second run produces the same fills', () => {
    expect(runStrategy(bars).fills).toEqual(run.fills);
  });
});
