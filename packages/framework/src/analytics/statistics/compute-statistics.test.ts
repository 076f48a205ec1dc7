import { describe, expect, it } from 'vitest';
import { SdkError } from '../../errors/sdk-error.js';
import { toStableJson } from '../format/stable-json.js';
import { computeStatistics } from './compute-statistics.js';
import { EquityStatistics } from './equity-statistics.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D1 = Date.UTC(2024, 0, 1);

/** Relative closeness for values of any magnitude. */
function expectNear(actual: number | null, expected: number, relative = 1e-12): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * relative + 1e-15);
}

// Eight bars over four UTC days; the hand computation below starts from these numbers
const times = [D1, D1 + 12 * HOUR, D1 + 18 * HOUR, D1 + DAY + 6 * HOUR, D1 + DAY + 18 * HOUR, D1 + 2 * DAY + 6 * HOUR, D1 + 2 * DAY + 18 * HOUR, D1 + 3 * DAY + 12 * HOUR];
const equity = [100, 104, 102, 95, 99, 105, 103, 110];
const trades = [{ netPnl: 50, fees: 1 }, { netPnl: -20, fees: 1 }, { netPnl: 30, fees: 2 }, { netPnl: 0, fees: 1 }, { netPnl: -10, fees: 1 }];
const exposure = [0, 1, 1, 1, 0, 0, 1, 0];

describe('computeStatistics on a hand-computed fixture', () => {
  const stats = computeStatistics({ equity, times, trades, exposure });

  // Daily resampling by hand: first point 100, then the last equity of each UTC day: 102, 99, 103, 110
  const r1 = 102 / 100 - 1; // 0.02
  const r2 = 99 / 102 - 1; // -0.0294117647
  const r3 = 103 / 99 - 1; // 0.0404040404
  const r4 = 110 / 103 - 1; // 0.0679611650
  const mean = (r1 + r2 + r3 + r4) / 4; // 0.0247383602
  const sampleVariance = ((r1 - mean) ** 2 + (r2 - mean) ** 2 + (r3 - mean) ** 2 + (r4 - mean) ** 2) / 3;
  const deviation = Math.sqrt(sampleVariance); // 0.0411027675
  // 4 returns over 3.5 days (D1 00:00 to D4 12:00): 4 × 365.25 / 3.5 = 417.428571 periods per year
  const periodsPerYear = (4 * 365.25) / 3.5;

  it('reports the span, the equity ends and total return', () => {
    expect(stats.bars).toBe(8);
    expect(stats.startTime).toBe(D1);
    expect(stats.endTime).toBe(D1 + 3.5 * DAY);
    expect(stats.startEquity).toBe(100);
    expect(stats.endEquity).toBe(110);
    expect(stats.netProfit).toBe(10);
    expectNear(stats.totalReturn, 0.1);
  });

  it('resamples returns daily and infers periods per year from the observed count', () => {
    expect(stats.returnPeriods).toBe(4);
    expectNear(stats.periodsPerYear, periodsPerYear);
    expectNear(stats.bestPeriodReturn, r4);
    expectNear(stats.worstPeriodReturn, r2);
  });

  it('annualises volatility, Sharpe and Sortino from the daily returns', () => {
    expectNear(stats.volatility, deviation * Math.sqrt(periodsPerYear)); // 0.8397734691
    expectNear(stats.sharpe, (mean / deviation) * Math.sqrt(periodsPerYear)); // 12.2967666074
    // Downside deviation over all four returns: only r2 is below the 0 target
    const downsideDeviation = Math.sqrt((r2 * r2) / 4); // 0.0147058824
    expectNear(stats.sortino, (mean / downsideDeviation) * Math.sqrt(periodsPerYear)); // 34.3693174139
  });

  it('measures CAGR over calendar years of 365.25 days and Calmar from it', () => {
    const years = 3.5 / 365.25;
    const cagr = 1.1 ** (1 / years) - 1; // 20873.80
    expectNear(stats.cagr, cagr, 1e-10);
    expectNear(stats.calmar, cagr / (9 / 104), 1e-10);
  });

  it('finds the deepest drawdown and the longest one on every bar', () => {
    // Peak 104 at bar 1, trough 95 at bar 3: 1 - 95/104 = 9/104
    expectNear(stats.maxDrawdown, 9 / 104);
    // Under 104 from bar 1 (D1 12:00) until 105 at bar 5 (D3 06:00): 42 hours, 4 bars; the later dip lasts 30 hours
    expect(stats.maxDrawdownDurationMs).toBe(42 * HOUR);
    expect(stats.maxDrawdownDurationBars).toBe(4);
  });

  it('derives the trade statistics from net PnL', () => {
    expect(stats.trades).toBe(5);
    expect(stats.wins).toBe(2);
    expect(stats.losses).toBe(2);
    expect(stats.winRate).toBe(2 / 5);
    expect(stats.grossProfit).toBe(50 + 30);
    expect(stats.grossLoss).toBe(-20 - 10);
    expect(stats.profitFactor).toBe(80 / 30);
    expect(stats.expectancy).toBe((50 - 20 + 30 + 0 - 10) / 5);
    expect(stats.averageWin).toBe(80 / 2);
    expect(stats.averageLoss).toBe(-30 / 2);
    expect(stats.largestWin).toBe(50);
    expect(stats.largestLoss).toBe(-20);
    expect(stats.averageBarsHeld).toBeNull();
  });

  it('takes exposure from per-bar flags and fees from the trades unless given', () => {
    expect(stats.exposure).toBe(4 / 8);
    expect(stats.fees).toBe(1 + 1 + 2 + 1 + 1);
    const given = computeStatistics({ equity, times, trades, barsInMarket: 2, fees: 9.5 });
    expect(given.exposure).toBe(2 / 8);
    expect(given.fees).toBe(9.5);
  });

  it('uses a given periods per year and risk-free rate', () => {
    const annual = computeStatistics({ equity, times, trades, periodsPerYear: 252, riskFreeRate: 0.05 });
    const riskFree = 1.05 ** (1 / 252) - 1; // per-period rate compounding to 5 % a year
    expect(annual.periodsPerYear).toBe(252);
    expect(annual.riskFreeRate).toBe(0.05);
    expectNear(annual.volatility, deviation * Math.sqrt(252));
    expectNear(annual.sharpe, ((mean - riskFree) / deviation) * Math.sqrt(252));
    // Every return is now measured against the per-period risk-free target
    const shortfalls = [r1, r2, r3, r4].map((r) => Math.min(0, r - riskFree));
    const downsideDeviation = Math.sqrt(shortfalls.reduce((sum, s) => sum + s * s, 0) / 4);
    expectNear(annual.sortino, ((mean - riskFree) / downsideDeviation) * Math.sqrt(252));
  });
});

describe('computeStatistics edge cases', () => {
  it('gives null trade ratios, written as JSON null, when there are no trades', () => {
    const stats = computeStatistics({ equity, times, trades: [] });
    expect(stats.trades).toBe(0);
    expect(stats.winRate).toBeNull();
    expect(stats.profitFactor).toBeNull();
    expect(stats.expectancy).toBeNull();
    expect(stats.exposure).toBeNull();
    const json = JSON.parse(toStableJson(stats)) as Record<string, unknown>;
    expect(json['winRate']).toBeNull();
    expect(json['profitFactor']).toBeNull();
    expect(json['largestLoss']).toBeNull();
  });

  it('gives a null profit factor when no trade lost', () => {
    const stats = computeStatistics({ equity, times, trades: [{ netPnl: 5 }, { netPnl: 7 }] });
    expect(stats.winRate).toBe(1);
    expect(stats.profitFactor).toBeNull();
    expect(stats.averageLoss).toBeNull();
  });

  it('gives zero volatility and null Sharpe and Sortino when every return is the same', () => {
    // Doubling every day: each daily return is exactly 1
    const stats = computeStatistics({ equity: [100, 200, 400, 800], times: [D1, D1 + DAY, D1 + 2 * DAY, D1 + 3 * DAY], trades: [] });
    expect(stats.returnPeriods).toBe(3);
    expect(stats.volatility).toBe(0);
    expect(stats.sharpe).toBeNull();
    expect(stats.sortino).toBeNull();
    expect(stats.maxDrawdown).toBe(0);
    expect(stats.calmar).toBeNull();
    // 3 returns over 3 days: 365.25 per year
    expect(stats.periodsPerYear).toBe(365.25);
  });

  it('handles a single bar: no returns, no span, no drawdown', () => {
    const stats = computeStatistics({ equity: new Float64Array([5000]), times: [D1], trades: [] });
    expect(stats.totalReturn).toBe(0);
    expect(stats.cagr).toBeNull();
    expect(stats.volatility).toBeNull();
    expect(stats.sharpe).toBeNull();
    expect(stats.periodsPerYear).toBeNull();
    expect(stats.returnPeriods).toBe(0);
    expect(stats.bestPeriodReturn).toBeNull();
    expect(stats.maxDrawdown).toBe(0);
    expect(stats.maxDrawdownDurationMs).toBe(0);
  });

  it('counts a drawdown still open at the end up to the last bar', () => {
    // Peak 120 at bar 1 (D1 06:00), never recovered; last bar D2 12:00 is 30 hours and 3 bars later
    const stats = computeStatistics({ equity: [100, 120, 90, 110, 115], times: [D1, D1 + 6 * HOUR, D1 + 12 * HOUR, D1 + DAY, D1 + 36 * HOUR], trades: [] });
    expect(stats.maxDrawdown).toBe(1 - 90 / 120);
    expect(stats.maxDrawdownDurationMs).toBe(30 * HOUR);
    expect(stats.maxDrawdownDurationBars).toBe(3);
  });

  it('counts a point stamped at exactly midnight as the close of the day before', () => {
    // 12-hour bars stamped at their close: D1 12:00, D2 00:00 (closes D1), D2 12:00, D3 00:00 (closes D2)
    const stats = computeStatistics({ equity: [100, 110, 121, 133.1], times: [D1 + 12 * HOUR, D1 + DAY, D1 + DAY + 12 * HOUR, D1 + 2 * DAY], trades: [] });
    // Samples: first point 100, D1 close 110, D2 close 133.1 → returns 0.1 and 0.21
    expect(stats.returnPeriods).toBe(2);
    expectNear(stats.bestPeriodReturn, 133.1 / 110 - 1);
    expectNear(stats.worstPeriodReturn, 110 / 100 - 1);
    // 2 returns over 1.5 days
    expectNear(stats.periodsPerYear, (2 * 365.25) / 1.5);
  });

  it('treats each bar as its period when bars are a day or longer apart', () => {
    // Weekly bars: one return per bar, 52.18 periods per year (365.25 / 7)
    const week = 7 * DAY;
    const stats = computeStatistics({ equity: [100, 110, 99], times: [D1, D1 + week, D1 + 2 * week], trades: [] });
    expect(stats.returnPeriods).toBe(2);
    expectNear(stats.periodsPerYear, 365.25 / 7);
    const a = 110 / 100 - 1;
    const b = 99 / 110 - 1;
    const m = (a + b) / 2;
    expectNear(stats.volatility, Math.sqrt(((a - m) ** 2 + (b - m) ** 2) / 1) * Math.sqrt(365.25 / 7));
  });

  it('reports CAGR -1 and no return ratios once equity is wiped out', () => {
    const stats = computeStatistics({ equity: [100, 50, 0], times: [D1, D1 + DAY, D1 + 2 * DAY], trades: [] });
    expect(stats.cagr).toBe(-1);
    expect(stats.totalReturn).toBe(-1);
    expect(stats.maxDrawdown).toBe(1);
    expect(stats.volatility).toBe(Math.sqrt(((-0.5 - -0.75) ** 2 + (-1 - -0.75) ** 2) / 1) * Math.sqrt(365.25));
    const broke = computeStatistics({ equity: [100, 0, 10], times: [D1, D1 + DAY, D1 + 2 * DAY], trades: [] });
    expect(broke.volatility).toBeNull();
    expect(broke.returnPeriods).toBe(0);
  });

  it('rejects bad input with the field named', () => {
    const run = (input: Parameters<typeof computeStatistics>[0]) => () => computeStatistics(input);
    expect(run({ equity: [1, 2], times: [D1], trades: [] })).toThrow(/field "times": expected one time per equity value \(2\), was 1/);
    expect(run({ equity: [], times: [], trades: [] })).toThrow(/expected at least one point, was empty/);
    expect(run({ equity: [0, 1], times: [D1, D1 + 1], trades: [] })).toThrow(/Equity point 0 field "equity": expected a positive starting equity, was 0/);
    expect(run({ equity: [1, Number.NaN], times: [D1, D1 + 1], trades: [] })).toThrow(/Equity point 1 field "equity": expected a finite number, was NaN/);
    expect(run({ equity: [1, 2], times: [D1 + 1, D1], trades: [] })).toThrow(/Equity point 1 field "time": expected a time at or after 2024-01-01T00:00:00.001Z, was 2024-01-01T00:00:00.000Z/);
    expect(run({ equity: [1], times: [D1], trades: [{ netPnl: Number.NaN }] })).toThrow(/Trade 1 field "netPnl"/);
    expect(run({ equity: [1], times: [D1], trades: [], periodsPerYear: 0 })).toThrow(/"periodsPerYear": expected a positive number, was 0/);
    expect(run({ equity: [1], times: [D1], trades: [], exposure: [1, 0] })).toThrow(/"exposure": expected one flag per equity value \(1\), was 2/);
    try {
      computeStatistics({ equity: [], times: [], trades: [] });
    } catch (error) {
      expect(SdkError.is(error) && error.code).toBe('GM_INPUT_INVALID');
    }
  });
});

describe('EquityStatistics streaming', () => {
  it('gives the same result whether read part-way through or only at the end', () => {
    const curve = new EquityStatistics();
    for (let i = 0; i < 5; i++) curve.add(times[i]!, equity[i]!);
    const partial = curve.result();
    // Part-way: samples 100, 102 and the open day's last value 99
    expect(partial.endEquity).toBe(99);
    expect(partial.returnPeriods).toBe(2);
    for (let i = 5; i < equity.length; i++) curve.add(times[i]!, equity[i]!);
    const once = new EquityStatistics();
    for (let i = 0; i < equity.length; i++) once.add(times[i]!, equity[i]!);
    expect(curve.result()).toEqual(once.result());
    expect(curve.result().returnPeriods).toBe(4);
  });
});
