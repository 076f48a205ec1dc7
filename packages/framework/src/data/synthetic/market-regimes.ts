import type { SeededRandom } from '../../random/seeded-random.js';

/** One state of the regime chain. */
export interface MarketRegime {
  readonly name: 'trend-up' | 'trend-down' | 'range' | 'high-volatility';
  /** Drift of log price per year of trading time. */
  readonly annualDrift: number;
  /** Volatility relative to the other regimes (rescaled so the time-weighted mean variance is 1). */
  readonly relativeVolatility: number;
  /** Mean time in the regime as a multiple of `regimeMeanDurationHours`. */
  readonly durationFactor: number;
  /** Half-life of the pull back to the price at regime entry, in minutes; 0 = no pull. */
  readonly reversionHalfLifeMinutes: number;
}

/** Regime names. */
export type MarketRegimeName = MarketRegime['name'];

/** The regimes of the synthetic market. */
export const MARKET_REGIMES: readonly MarketRegime[] = Object.freeze([
  { name: 'trend-up', annualDrift: 2.5, relativeVolatility: 0.9, durationFactor: 1, reversionHalfLifeMinutes: 0 },
  { name: 'trend-down', annualDrift: -2.5, relativeVolatility: 1.1, durationFactor: 1, reversionHalfLifeMinutes: 0 },
  { name: 'range', annualDrift: 0, relativeVolatility: 0.7, durationFactor: 1.5, reversionHalfLifeMinutes: 240 },
  { name: 'high-volatility', annualDrift: 0, relativeVolatility: 2, durationFactor: 0.5, reversionHalfLifeMinutes: 0 },
]);

/** Where the chain goes when it leaves a regime: row = from, column = to (rows sum to 1, no self-moves). */
export const REGIME_TRANSITIONS: readonly (readonly number[])[] = Object.freeze([
  [0, 0.2, 0.6, 0.2],
  [0.2, 0, 0.5, 0.3],
  [0.4, 0.4, 0, 0.2],
  [0.2, 0.3, 0.5, 0],
]);

/**
 * Returns the long-run share of time spent in each regime: the stationary distribution of the jump chain
 * (by power iteration) weighted by each regime's mean duration.
 */
export function regimeTimeShares(): number[] {
  const count = MARKET_REGIMES.length;
  let visits = new Array<number>(count).fill(1 / count);
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = new Array<number>(count).fill(0);
    for (let from = 0; from < count; from++) {
      for (let to = 0; to < count; to++) next[to]! += visits[from]! * REGIME_TRANSITIONS[from]![to]!;
    }
    visits = next;
  }
  const weighted = visits.map((share, index) => share * MARKET_REGIMES[index]!.durationFactor);
  const total = weighted.reduce((sum, value) => sum + value, 0);
  return weighted.map((value) => value / total);
}

/**
 * A Markov chain over MARKET_REGIMES stepped once per bar: it leaves regime i with probability
 * bar length / (mean duration · durationFactor_i), then moves along REGIME_TRANSITIONS.
 */
export class RegimeChain {
  /** Index of the current regime in MARKET_REGIMES. */
  index: number;
  /** Volatility multipliers, scaled so the long-run time-weighted mean of their squares is 1. */
  readonly volatility: readonly number[];
  private readonly leaveProbability: readonly number[];

  constructor(
    private readonly random: SeededRandom,
    barMinutes: number,
    meanDurationMinutes: number,
  ) {
    const shares = regimeTimeShares();
    const meanSquare = MARKET_REGIMES.reduce((sum, regime, i) => sum + shares[i]! * regime.relativeVolatility ** 2, 0);
    this.volatility = MARKET_REGIMES.map((regime) => regime.relativeVolatility / Math.sqrt(meanSquare));
    this.leaveProbability = MARKET_REGIMES.map((regime) => Math.min(1, barMinutes / (meanDurationMinutes * regime.durationFactor)));
    this.index = this.pick(shares);
  }

  /** The current regime. */
  get regime(): MarketRegime {
    return MARKET_REGIMES[this.index]!;
  }

  /** Advances one bar; returns true when the regime changed. */
  step(): boolean {
    if (this.random.next() >= this.leaveProbability[this.index]!) return false;
    this.index = this.pick(REGIME_TRANSITIONS[this.index]!);
    return true;
  }

  private pick(weights: readonly number[]): number {
    let draw = this.random.next();
    for (let i = 0; i < weights.length - 1; i++) {
      draw -= weights[i]!;
      if (draw < 0) return i;
    }
    return weights.length - 1;
  }
}
