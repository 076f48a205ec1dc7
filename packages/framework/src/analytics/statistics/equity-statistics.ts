import { SdkError } from '../../errors/sdk-error.js';
import { formatIsoTime } from '../format/format-number.js';
import type { Statistics } from './statistics.js';

/** One UTC calendar day in milliseconds. */
export const DAY_MS = 86_400_000;
/** One year in milliseconds (365.25 days), the unit of CAGR and of observed periods per year. */
export const YEAR_MS = 365.25 * DAY_MS;

/** Options of `EquityStatistics.result`. */
export interface EquityStatisticsOptions {
  /** Return periods per year; inferred from the data when omitted. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction (0.04 = 4 %). @default 0 */
  readonly riskFreeRate?: number;
}

/** Equity-curve statistics of a run; see `Statistics` for each field. */
export type EquityStatisticsResult = Pick<
  Statistics,
  | 'startTime' | 'endTime' | 'bars' | 'startEquity' | 'endEquity' | 'netProfit' | 'totalReturn' | 'cagr' | 'volatility'
  | 'sharpe' | 'sortino' | 'calmar' | 'maxDrawdown' | 'maxDrawdownDurationMs' | 'maxDrawdownDurationBars'
  | 'periodsPerYear' | 'returnPeriods' | 'riskFreeRate' | 'bestPeriodReturn' | 'worstPeriodReturn'
>;

/**
 * Accumulates equity-curve statistics one bar at a time: O(1) work per bar and memory that grows
 * with calendar days, not bars. Drawdowns are measured on every point; returns are resampled to
 * one per UTC day (the last equity of the day, a point at 00:00 closing the day before), measured
 * from the first point.
 */
export class EquityStatistics {
  private count = 0;
  private startTime = 0;
  private startEquity = 0;
  private lastTime = 0;
  private lastEquity = 0;
  private peak = 0;
  private peakIndex = 0;
  private peakTime = 0;
  private maxDrawdown = 0;
  private longestMs = 0;
  private longestBars = 0;
  /** Committed daily samples; sample 0 is the first point. */
  private samples = new Float64Array(64);
  private sampleCount = 0;
  private pendingDay = 0;
  private pendingIndex = 0;

  /** Number of points added. */
  get bars(): number {
    return this.count;
  }

  /** Adds the equity at the close of one bar; times must not decrease and the first equity must be positive. */
  add(time: number, equity: number): void {
    const index = this.count;
    if (!Number.isFinite(time)) throw invalid(index, 'time', 'epoch milliseconds', String(time));
    if (!Number.isFinite(equity)) throw invalid(index, 'equity', 'a finite number', String(equity));
    if (index === 0) {
      if (equity <= 0) throw invalid(index, 'equity', 'a positive starting equity', String(equity));
      this.startTime = time;
      this.startEquity = equity;
      this.peak = equity;
      this.peakTime = time;
      this.push(equity);
      this.pendingDay = dayOf(time);
    } else {
      if (time < this.lastTime) throw invalid(index, 'time', `a time at or after ${formatIsoTime(this.lastTime)}`, formatIsoTime(time));
      const day = dayOf(time);
      if (day !== this.pendingDay) {
        // The previous point was the last of its day; point 0 is already sample 0
        if (this.pendingIndex !== 0) this.push(this.lastEquity);
        this.pendingDay = day;
      }
      this.pendingIndex = index;
      this.track(index, time, equity);
    }
    this.count = index + 1;
    this.lastTime = time;
    this.lastEquity = equity;
  }

  /** Returns the statistics of the points added so far (does not change the accumulator). */
  result(options: EquityStatisticsOptions = {}): EquityStatisticsResult {
    if (this.count === 0) throw new SdkError('GM_INPUT_INVALID', 'Equity curve: expected at least one point, was empty');
    const riskFreeRate = options.riskFreeRate ?? 0;
    if (!Number.isFinite(riskFreeRate) || riskFreeRate <= -1) {
      throw new SdkError('GM_INPUT_INVALID', `Option "riskFreeRate": expected an annual fraction above -1 (0.04 = 4 %), was ${String(riskFreeRate)}`);
    }
    if (options.periodsPerYear !== undefined && !(Number.isFinite(options.periodsPerYear) && options.periodsPerYear > 0)) {
      throw new SdkError('GM_INPUT_INVALID', `Option "periodsPerYear": expected a positive number, was ${String(options.periodsPerYear)}`);
    }
    const returns = this.periodReturns();
    const spanMs = this.lastTime - this.startTime;
    const observed = returns !== undefined && returns.length > 0 && spanMs > 0 ? (returns.length * YEAR_MS) / spanMs : null;
    const periodsPerYear = options.periodsPerYear ?? observed;
    const ratios = returns === undefined ? undefined : returnRatios(returns, periodsPerYear, riskFreeRate);

    // An open drawdown at the end counts up to the last point
    let longestMs = this.longestMs;
    let longestBars = this.longestBars;
    if (this.lastEquity < this.peak && this.lastTime - this.peakTime > longestMs) {
      longestMs = this.lastTime - this.peakTime;
      longestBars = this.count - 1 - this.peakIndex;
    }
    const years = spanMs / YEAR_MS;
    const growth = this.lastEquity / this.startEquity;
    const cagr = years > 0 ? (growth <= 0 ? -1 : growth ** (1 / years) - 1) : null;
    return {
      startTime: this.startTime,
      endTime: this.lastTime,
      bars: this.count,
      startEquity: this.startEquity,
      endEquity: this.lastEquity,
      netProfit: this.lastEquity - this.startEquity,
      totalReturn: growth - 1,
      cagr,
      volatility: ratios?.volatility ?? null,
      sharpe: ratios?.sharpe ?? null,
      sortino: ratios?.sortino ?? null,
      calmar: cagr !== null && this.maxDrawdown > 0 ? cagr / this.maxDrawdown : null,
      maxDrawdown: this.maxDrawdown,
      maxDrawdownDurationMs: longestMs,
      maxDrawdownDurationBars: longestBars,
      periodsPerYear,
      returnPeriods: returns?.length ?? 0,
      riskFreeRate,
      bestPeriodReturn: ratios?.best ?? null,
      worstPeriodReturn: ratios?.worst ?? null,
    };
  }

  private track(index: number, time: number, equity: number): void {
    if (equity >= this.peak) {
      // The previous point below the peak means this one ends a drawdown
      if (this.lastEquity < this.peak && time - this.peakTime > this.longestMs) {
        this.longestMs = time - this.peakTime;
        this.longestBars = index - this.peakIndex;
      }
      this.peak = equity;
      this.peakIndex = index;
      this.peakTime = time;
      return;
    }
    const drawdown = 1 - equity / this.peak;
    if (drawdown > this.maxDrawdown) this.maxDrawdown = drawdown;
  }

  private push(equity: number): void {
    if (this.sampleCount === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.sampleCount++] = equity;
  }

  /** Daily-resampled returns, the open last day included; undefined once equity has reached zero or below. */
  private periodReturns(): number[] | undefined {
    const values = Array.from(this.samples.subarray(0, this.sampleCount));
    if (this.pendingIndex !== 0) values.push(this.lastEquity);
    const returns: number[] = [];
    for (let k = 1; k < values.length; k++) {
      if (values[k - 1]! <= 0) return undefined;
      returns.push(values[k]! / values[k - 1]! - 1);
    }
    return returns;
  }
}

/** Return-based ratios; the annualised ones are null below two returns or without periods per year. */
interface ReturnRatios {
  readonly volatility: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly best: number | null;
  readonly worst: number | null;
}

/** Annualised volatility, Sharpe and Sortino, and the best and worst period return. */
function returnRatios(returns: readonly number[], periodsPerYear: number | null, riskFreeRate: number): ReturnRatios {
  const n = returns.length;
  let sum = 0;
  let best = -Infinity;
  let worst = Infinity;
  for (const r of returns) {
    sum += r;
    if (r > best) best = r;
    if (r < worst) worst = r;
  }
  if (n === 0) return { volatility: null, sharpe: null, sortino: null, best: null, worst: null };
  if (n < 2 || periodsPerYear === null) return { volatility: null, sharpe: null, sortino: null, best, worst };
  const riskFreePerPeriod = (1 + riskFreeRate) ** (1 / periodsPerYear) - 1;
  const mean = sum / n;
  let squares = 0;
  let downside = 0;
  for (const r of returns) {
    squares += (r - mean) ** 2;
    const shortfall = Math.min(0, r - riskFreePerPeriod);
    downside += shortfall * shortfall;
  }
  // Identical returns have no spread; summing them can leave rounding residue that is not volatility
  const deviation = best === worst ? 0 : Math.sqrt(squares / (n - 1));
  const downsideDeviation = Math.sqrt(downside / n);
  const annualiser = Math.sqrt(periodsPerYear);
  const excess = mean - riskFreePerPeriod;
  return {
    volatility: deviation * annualiser,
    sharpe: deviation === 0 ? null : (excess / deviation) * annualiser,
    sortino: downsideDeviation === 0 ? null : (excess / downsideDeviation) * annualiser,
    best,
    worst,
  };
}

/** UTC day of a close time; a point at exactly midnight closes the day before (equity is stamped at bar close). */
function dayOf(time: number): number {
  return Math.floor((time - 1) / DAY_MS);
}

function invalid(index: number, field: string, expected: string, was: string): SdkError {
  return new SdkError('GM_INPUT_INVALID', `Equity point ${index} field "${field}": expected ${expected}, was ${was}`);
}
