import { SdkError } from '../../errors/sdk-error.js';
import { EquityStatistics } from './equity-statistics.js';
import type { EquityStatisticsResult } from './equity-statistics.js';
import type { Statistics } from './statistics.js';
import { TradeStatistics } from './trade-statistics.js';
import type { TradeOutcome, TradeStatisticsResult } from './trade-statistics.js';

/** Inputs of `computeStatistics`. */
export interface StatisticsInput {
  /** Equity at the close of each bar, oldest first; the first value must be positive. */
  readonly equity: ArrayLike<number>;
  /** Bar times (epoch ms, non-decreasing), one per equity value. */
  readonly times: ArrayLike<number>;
  /** Closed trades; only `netPnl`, `fees` and `barsHeld` are read. */
  readonly trades: readonly TradeOutcome[];
  /** Fees paid over the run; defaults to the sum of the trades' `fees`. */
  readonly fees?: number;
  /** Per bar: true or non-zero when a position was open; gives `exposure`. */
  readonly exposure?: ArrayLike<number | boolean>;
  /** Number of bars with an open position, when per-bar flags are not at hand. */
  readonly barsInMarket?: number;
  /** Return periods per year; inferred from the data when omitted. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction. @default 0 */
  readonly riskFreeRate?: number;
}

/** Parts `assembleStatistics` combines: the two accumulators' results and run totals. */
export interface StatisticsParts {
  readonly equity: EquityStatisticsResult;
  readonly trades: TradeStatisticsResult;
  readonly fees: number;
  /** Bars with an open position, or null when unknown. */
  readonly barsInMarket: number | null;
}

/**
 * Returns the performance statistics of a run from its equity curve and closed trades. Returns
 * are resampled to one per UTC day; see docs/reference/statistics.md for every formula.
 */
export function computeStatistics(input: StatisticsInput): Statistics {
  const { equity, times } = input;
  if (equity.length !== times.length) {
    throw new SdkError('GM_INPUT_INVALID', `Statistics input field "times": expected one time per equity value (${equity.length}), was ${times.length}`);
  }
  const curve = new EquityStatistics();
  for (let i = 0; i < equity.length; i++) curve.add(times[i]!, equity[i]!);
  const trades = new TradeStatistics();
  let tradeFees = 0;
  for (const trade of input.trades) {
    trades.add(trade);
    tradeFees += trade.fees ?? 0;
  }
  let barsInMarket: number | null = null;
  if (input.exposure !== undefined) {
    if (input.exposure.length !== equity.length) {
      throw new SdkError('GM_INPUT_INVALID', `Statistics input field "exposure": expected one flag per equity value (${equity.length}), was ${input.exposure.length}`);
    }
    barsInMarket = 0;
    for (let i = 0; i < input.exposure.length; i++) if (input.exposure[i]) barsInMarket++;
  } else if (input.barsInMarket !== undefined) {
    barsInMarket = input.barsInMarket;
  }
  const options = {
    ...(input.periodsPerYear === undefined ? {} : { periodsPerYear: input.periodsPerYear }),
    ...(input.riskFreeRate === undefined ? {} : { riskFreeRate: input.riskFreeRate }),
  };
  return assembleStatistics({ equity: curve.result(options), trades: trades.result(), fees: input.fees ?? tradeFees, barsInMarket });
}

/** Combines accumulator results into `Statistics` (the streaming run writer uses this directly). */
export function assembleStatistics(parts: StatisticsParts): Statistics {
  const { equity, trades, fees, barsInMarket } = parts;
  if (!Number.isFinite(fees)) throw new SdkError('GM_INPUT_INVALID', `Statistics input field "fees": expected a finite number, was ${String(fees)}`);
  if (barsInMarket !== null && !(Number.isInteger(barsInMarket) && barsInMarket >= 0 && barsInMarket <= equity.bars)) {
    throw new SdkError('GM_INPUT_INVALID', `Statistics input field "barsInMarket": expected an integer from 0 to ${equity.bars}, was ${String(barsInMarket)}`);
  }
  return {
    startTime: equity.startTime,
    endTime: equity.endTime,
    bars: equity.bars,
    startEquity: equity.startEquity,
    endEquity: equity.endEquity,
    netProfit: equity.netProfit,
    totalReturn: equity.totalReturn,
    cagr: equity.cagr,
    volatility: equity.volatility,
    sharpe: equity.sharpe,
    sortino: equity.sortino,
    calmar: equity.calmar,
    maxDrawdown: equity.maxDrawdown,
    maxDrawdownDurationMs: equity.maxDrawdownDurationMs,
    maxDrawdownDuration: equity.maxDrawdownDurationMs / 86_400_000,
    maxDrawdownDurationBars: equity.maxDrawdownDurationBars,
    periodsPerYear: equity.periodsPerYear,
    returnPeriods: equity.returnPeriods,
    riskFreeRate: equity.riskFreeRate,
    bestPeriodReturn: equity.bestPeriodReturn,
    worstPeriodReturn: equity.worstPeriodReturn,
    exposure: barsInMarket === null ? null : barsInMarket / equity.bars,
    fees,
    ...trades,
  };
}
