/**
 * Performance statistics of one run. Fractions are plain ratios (0.05 = 5 %), money is in the
 * account currency, times are epoch ms. A statistic that is undefined for the data (no trades,
 * zero volatility, a single bar) is `null`, never NaN or Infinity. Formulas:
 * docs/reference/statistics.md.
 */
export interface Statistics {
  /** Time of the first equity point. */
  readonly startTime: number;
  /** Time of the last equity point. */
  readonly endTime: number;
  /** Number of equity points (bars). */
  readonly bars: number;
  readonly startEquity: number;
  readonly endEquity: number;
  /** endEquity − startEquity. */
  readonly netProfit: number;
  /** endEquity / startEquity − 1. */
  readonly totalReturn: number;
  /** Compound annual growth rate over the calendar span; null for a zero span. */
  readonly cagr: number | null;
  /** Annualised standard deviation of period returns; null below two returns. */
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** cagr / maxDrawdown; null without a drawdown. */
  readonly calmar: number | null;
  /** Deepest fall from a running peak, as a fraction of the peak (0.2 = 20 %). */
  readonly maxDrawdown: number;
  /** Length of the longest drawdown (peak to recovery, or to the end), in ms. */
  readonly maxDrawdownDurationMs: number;
  /** The same longest drawdown duration, in days (`maxDrawdownDurationMs` / 86,400,000). */
  readonly maxDrawdownDuration: number;
  /** Length of that same drawdown in bars. */
  readonly maxDrawdownDurationBars: number;
  /** Return periods per year used to annualise (given, or observed). */
  readonly periodsPerYear: number | null;
  /** Number of period returns (daily-resampled). */
  readonly returnPeriods: number;
  /** Annual risk-free rate used by Sharpe and Sortino. */
  readonly riskFreeRate: number;
  readonly bestPeriodReturn: number | null;
  readonly worstPeriodReturn: number | null;
  /** Fraction of bars with an open position; null when not supplied. */
  readonly exposure: number | null;
  /** Fees and commissions paid. */
  readonly fees: number;
  /** Closed trades. */
  readonly trades: number;
  /** Closed trades with net PnL > 0. */
  readonly wins: number;
  /** Closed trades with net PnL < 0. */
  readonly losses: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  /** Sum of net PnL of winning trades. */
  readonly grossProfit: number;
  /** Sum of net PnL of losing trades (≤ 0). */
  readonly grossLoss: number;
  /** Mean net PnL per closed trade. */
  readonly expectancy: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
  readonly largestWin: number | null;
  readonly largestLoss: number | null;
  readonly averageBarsHeld: number | null;
}
