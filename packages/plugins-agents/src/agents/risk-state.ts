import { SdkError } from '@grandmodel/framework';
import { VolumeRatio } from '../assemblers/volume-ratio.js';

/** Names of the 10 risk-state values, in model input order (spec §6.4). */
export const RISK_STATE_FEATURES = [
  'account_equity_normalized',
  'open_positions_count',
  'volatility_regime',
  'correlation_risk',
  'var_estimate_5pct',
  'current_drawdown_pct',
  'margin_usage_pct',
  'time_of_day_risk',
  'market_stress_level',
  'liquidity_conditions',
] as const;

/** Settings of the market side of the risk state. */
export interface RiskStateSettings {
  /** Bars of ATR history for the volatility percentile and the stress ratio. */
  readonly historyBars: number;
  /** Bars of returns for the VaR volatility. */
  readonly returnBars: number;
  /** Daily session close, HH:MM in `timeZone`. */
  readonly sessionClose: string;
  readonly timeZone: string;
  /** Minutes before the close that count as risky time of day. */
  readonly closingMinutes: number;
}

/** The account side of the risk state, read from the portfolio when a proposal is sized. */
export interface AccountReading {
  readonly equity: number;
  readonly initialEquity: number;
  readonly peakEquity: number;
  readonly grossExposure: number;
  readonly marginUsed: number;
  readonly openPositions: number;
}

const Z_95 = 1.6448536269514722;

/**
 * The market side of the 10-dim risk state (spec §6.4; definitions [INFERRED], documented in the pipeline guide):
 * fed every tactical bar in O(1) without allocation (ATR ring, return ring with running sums, volume EMA);
 * `state` combines it with an account reading into the model input.
 */
export class RiskStateTracker {
  readonly #atr: Float64Array;
  readonly #returns: Float64Array;
  readonly #volume = new VolumeRatio(0.02);
  readonly #format: Intl.DateTimeFormat;
  readonly #closeMinute: number;
  #atrCount = 0;
  #atrSum = 0;
  #returnCount = 0;
  #returnSum = 0;
  #returnSquares = 0;
  #lastClose = Number.NaN;
  #lastAtr = Number.NaN;

  constructor(readonly settings: RiskStateSettings) {
    this.#atr = new Float64Array(settings.historyBars);
    this.#returns = new Float64Array(settings.returnBars);
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(settings.sessionClose);
    if (match === null) throw new SdkError('GM_CONFIG_INVALID', `risk state: sessionClose must be HH:MM, was "${settings.sessionClose}"`);
    this.#closeMinute = Number(match[1]) * 60 + Number(match[2]);
    this.#format = new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** Latest ATR fed (NaN before the first finite one). */
  get atr(): number {
    return this.#lastAtr;
  }

  /** Feeds one bar's close, volume and ATR. */
  update(close: number, volume: number, atr: number): void {
    if (Number.isFinite(atr) && atr > 0) {
      const ring = this.#atr;
      const slot = this.#atrCount % ring.length;
      if (this.#atrCount >= ring.length) this.#atrSum -= ring[slot] as number;
      ring[slot] = atr;
      this.#atrSum += atr;
      this.#atrCount++;
      this.#lastAtr = atr;
    }
    if (this.#lastClose > 0 && close > 0) {
      const value = close / this.#lastClose - 1;
      const ring = this.#returns;
      const slot = this.#returnCount % ring.length;
      if (this.#returnCount >= ring.length) {
        const old = ring[slot] as number;
        this.#returnSum -= old;
        this.#returnSquares -= old * old;
      }
      ring[slot] = value;
      this.#returnSum += value;
      this.#returnSquares += value * value;
      this.#returnCount++;
    }
    this.#lastClose = close;
    this.#volume.push(volume);
  }

  /** Percentile (0–1) of the latest ATR among the ATR history: the share of held values at or below it. */
  volatilityPercentile(): number {
    const held = Math.min(this.#atrCount, this.#atr.length);
    if (held === 0) return 0.5;
    let below = 0;
    for (let i = 0; i < held; i++) if ((this.#atr[i] as number) <= this.#lastAtr) below++;
    return below / held;
  }

  /** Population standard deviation of the held bar returns. */
  returnVolatility(): number {
    const held = Math.min(this.#returnCount, this.#returns.length);
    if (held < 2) return 0;
    const mean = this.#returnSum / held;
    return Math.sqrt(Math.max(0, this.#returnSquares / held - mean * mean));
  }

  /** 1 within `closingMinutes` before the session close (in the session's time zone), else 0. */
  timeOfDayRisk(time: number): number {
    let hour = 0;
    let minute = 0;
    for (const part of this.#format.formatToParts(time)) {
      if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    const untilClose = (this.#closeMinute - (hour * 60 + minute) + 1440) % 1440;
    return untilClose > 0 && untilClose <= this.settings.closingMinutes ? 1 : 0;
  }

  /**
   * Writes the 10-dim state into `target`: equity/initial, open positions, ATR percentile, correlation risk (0 for a
   * single instrument), one-bar 95% VaR of the gross exposure / equity, drawdown from peak, margin used / equity,
   * closing-time flag, ATR stress `clip(ATR/mean ATR − 1, 0, 1)`, liquidity `clip(volume ratio / 2, 0, 1)`.
   */
  state(account: AccountReading, time: number, target: Float32Array, correlationRisk = 0): Float32Array {
    const equity = account.equity;
    const meanAtr = this.#atrCount === 0 ? Number.NaN : this.#atrSum / Math.min(this.#atrCount, this.#atr.length);
    target[0] = account.initialEquity > 0 ? equity / account.initialEquity : 1;
    target[1] = account.openPositions;
    target[2] = this.volatilityPercentile();
    target[3] = correlationRisk;
    target[4] = equity > 0 ? (Z_95 * this.returnVolatility() * account.grossExposure) / equity : 0;
    target[5] = account.peakEquity > 0 ? Math.max(0, 1 - equity / account.peakEquity) : 0;
    target[6] = equity > 0 ? account.marginUsed / equity : 1;
    target[7] = this.timeOfDayRisk(time);
    target[8] = meanAtr > 0 ? Math.min(1, Math.max(0, this.#lastAtr / meanAtr - 1)) : 0;
    target[9] = Math.min(1, Math.max(0, this.#volume.value / 2));
    return target;
  }
}
