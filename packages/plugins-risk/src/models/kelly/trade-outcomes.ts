import type { Fill } from '@grandmodel/framework';

/** A win rate and payoff ratio estimated from closed trades. */
export interface TradeEstimate {
  /** Winning trades / (winning + losing trades). */
  readonly winProbability: number;
  /** Average win / average loss (money); NaN when there are no wins or no losses. */
  readonly payoffRatio: number;
  readonly wins: number;
  readonly losses: number;
}

/** A round trip still open in one symbol. */
interface OpenTrip {
  /** Signed open quantity. */
  quantity: number;
  /** Money received minus money paid so far (sells − buys, × multiplier). */
  cash: number;
  fees: number;
}

/**
 * Rebuilds closed trades (round trips from flat back to flat) from fills and keeps the profit and loss of
 * the last `lookback` of them in a ring buffer. A trade's result is the money it received minus the money
 * it paid (× the instrument multiplier), net of its fees when `includeFees`. A fill that flips the
 * position closes one trade and opens the next (its fee is split pro rata). Break-even trades are kept
 * but count as neither win nor loss.
 */
export class TradeOutcomes {
  private readonly results: Float64Array;
  private readonly open = new Map<string, OpenTrip>();
  private head = 0;
  private stored = 0;
  private estimate: TradeEstimate = Object.freeze({ winProbability: Number.NaN, payoffRatio: Number.NaN, wins: 0, losses: 0 });

  constructor(
    readonly lookback: number,
    private readonly includeFees: boolean,
  ) {
    this.results = new Float64Array(lookback);
  }

  /** Closed trades held (at most `lookback`). */
  get trades(): number {
    return this.stored;
  }

  /** Win rate and payoff ratio over the held trades. */
  get current(): TradeEstimate {
    return this.estimate;
  }

  /** Books one fill of an instrument whose multiplier is `multiplier`. */
  onFill(fill: Fill, multiplier: number): void {
    let trip = this.open.get(fill.symbol);
    if (trip === undefined) {
      trip = { quantity: 0, cash: 0, fees: 0 };
      this.open.set(fill.symbol, trip);
    }
    const direction = fill.side === 'buy' ? 1 : -1;
    if (trip.quantity === 0 || Math.sign(trip.quantity) === direction) {
      trip.quantity += direction * fill.quantity;
      trip.cash -= direction * fill.quantity * fill.price * multiplier;
      trip.fees += fill.fee;
      return;
    }
    const closing = Math.min(fill.quantity, Math.abs(trip.quantity));
    const closedShare = closing / fill.quantity;
    trip.quantity += direction * closing;
    trip.cash -= direction * closing * fill.price * multiplier;
    trip.fees += fill.fee * closedShare;
    if (Math.abs(trip.quantity) > 1e-12) return;
    this.record(this.includeFees ? trip.cash - trip.fees : trip.cash);
    const remainder = fill.quantity - closing;
    trip.quantity = remainder > 1e-12 ? direction * remainder : 0;
    trip.cash = trip.quantity === 0 ? 0 : -direction * remainder * fill.price * multiplier;
    trip.fees = trip.quantity === 0 ? 0 : fill.fee * (1 - closedShare);
  }

  /** Adds one closed trade's result (also usable to seed the sample from an earlier run). */
  record(result: number): void {
    this.results[this.head] = result;
    this.head = (this.head + 1) % this.lookback;
    if (this.stored < this.lookback) this.stored++;
    // Trades are rare: summing the whole ring each time keeps the statistics free of drift
    let wins = 0;
    let losses = 0;
    let winSum = 0;
    let lossSum = 0;
    for (let index = 0; index < this.stored; index++) {
      const value = this.results[index];
      if (value > 0) {
        wins++;
        winSum += value;
      } else if (value < 0) {
        losses++;
        lossSum -= value;
      }
    }
    const decided = wins + losses;
    const payoffRatio = wins > 0 && losses > 0 ? winSum / wins / (lossSum / losses) : Number.NaN;
    this.estimate = Object.freeze({ winProbability: decided > 0 ? wins / decided : Number.NaN, payoffRatio, wins, losses });
  }

  /** Forgets every trade and open round trip. */
  reset(): void {
    this.open.clear();
    this.results.fill(0);
    this.head = 0;
    this.stored = 0;
    this.estimate = Object.freeze({ winProbability: Number.NaN, payoffRatio: Number.NaN, wins: 0, losses: 0 });
  }
}
