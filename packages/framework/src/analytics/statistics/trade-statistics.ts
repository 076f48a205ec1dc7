import { SdkError } from '../../errors/sdk-error.js';
import type { Statistics } from './statistics.js';

/** Trade fields the statistics read. */
export interface TradeOutcome {
  readonly netPnl: number;
  /** Fees of the trade; summed when `computeStatistics` is given no `fees`. */
  readonly fees?: number;
  readonly barsHeld?: number | null;
}

/** Trade statistics of a run; see `Statistics` for each field. */
export type TradeStatisticsResult = Pick<
  Statistics,
  | 'trades' | 'wins' | 'losses' | 'winRate' | 'profitFactor' | 'grossProfit' | 'grossLoss' | 'expectancy'
  | 'averageWin' | 'averageLoss' | 'largestWin' | 'largestLoss' | 'averageBarsHeld'
>;

/** Accumulates closed-trade statistics one trade at a time, in constant memory. */
export class TradeStatistics {
  private count = 0;
  private wins = 0;
  private losses = 0;
  private profit = 0;
  private loss = 0;
  private net = 0;
  private largestWin = -Infinity;
  private largestLoss = Infinity;
  private barsSum = 0;
  private barsCount = 0;

  /** Adds one closed trade. */
  add(trade: TradeOutcome): void {
    const pnl = trade.netPnl;
    if (!Number.isFinite(pnl)) {
      throw new SdkError('GM_INPUT_INVALID', `Trade ${this.count + 1} field "netPnl": expected a finite number, was ${String(pnl)}`);
    }
    this.count++;
    this.net += pnl;
    if (pnl > 0) {
      this.wins++;
      this.profit += pnl;
      if (pnl > this.largestWin) this.largestWin = pnl;
    } else if (pnl < 0) {
      this.losses++;
      this.loss += pnl;
      if (pnl < this.largestLoss) this.largestLoss = pnl;
    }
    if (typeof trade.barsHeld === 'number' && Number.isFinite(trade.barsHeld)) {
      this.barsSum += trade.barsHeld;
      this.barsCount++;
    }
  }

  /** Returns the statistics of the trades added so far. */
  result(): TradeStatisticsResult {
    const n = this.count;
    return {
      trades: n,
      wins: this.wins,
      losses: this.losses,
      winRate: n === 0 ? null : this.wins / n,
      // With no losing trade the ratio is unbounded, which JSON cannot hold
      profitFactor: this.loss === 0 ? null : this.profit / -this.loss,
      grossProfit: this.profit,
      grossLoss: this.loss,
      expectancy: n === 0 ? null : this.net / n,
      averageWin: this.wins === 0 ? null : this.profit / this.wins,
      averageLoss: this.losses === 0 ? null : this.loss / this.losses,
      largestWin: this.wins === 0 ? null : this.largestWin,
      largestLoss: this.losses === 0 ? null : this.largestLoss,
      averageBarsHeld: this.barsCount === 0 ? null : this.barsSum / this.barsCount,
    };
  }
}
