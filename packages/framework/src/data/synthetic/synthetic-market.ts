import type { Bar } from '../../model/bar.js';
import { timeframeToMs } from '../../model/timeframe.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { parseInstant } from '../time/parse-instant.js';
import { GarchVariance } from './garch-variance.js';
import { RegimeChain, type MarketRegimeName } from './market-regimes.js';
import { parseSyntheticMarketOptions, type SyntheticMarketInput, type SyntheticMarketOptions } from './synthetic-market-options.js';
import { TradingSessions } from './trading-sessions.js';

// Lognormal volume noise: sd of log volume; the -s²/2 shift keeps its mean at 1
const VOLUME_NOISE = 0.3;

/**
 * A seeded synthetic market: bars from a regime-switching, GARCH-clustered random walk with intraday
 * seasonality, session breaks and tick-size rounding (see docs/guides/data.md for the model).
 * Iterating twice gives the same bars; `regime` names the regime of the bar last yielded.
 */
export class SyntheticMarket implements Iterable<Bar> {
  /** Parsed options. */
  readonly options: SyntheticMarketOptions;
  /** First bar start (inclusive) and end of range (exclusive), epoch ms. */
  readonly from: number;
  readonly to: number;
  private currentRegime: MarketRegimeName | undefined;

  constructor(input: SyntheticMarketInput = {}) {
    this.options = parseSyntheticMarketOptions(input);
    this.from = parseInstant(this.options.from)!;
    this.to = parseInstant(this.options.to)!;
  }

  /** Regime of the bar last yielded (undefined before the first bar). */
  get regime(): MarketRegimeName | undefined {
    return this.currentRegime;
  }

  [Symbol.iterator](): Generator<Bar> {
    return this.bars();
  }

  /** Yields the bars of [from, to) in time order. */
  *bars(): Generator<Bar> {
    const o = this.options;
    const barMs = timeframeToMs(o.timeframe);
    const barMinutes = barMs / 60_000;
    const sessions = new TradingSessions(o.session);
    const root = new SeededRandom(o.seed);
    // Independent streams, so changing one part of the model does not shift the draws of the others
    const regimes = new RegimeChain(root.fork(1), barMinutes, o.regimeMeanDurationHours * 60);
    const shocks = root.fork(2);
    const extremes = root.fork(3);
    const volumes = root.fork(4);
    const garch = new GarchVariance(o.garch.alpha, o.garch.beta);

    const minutesPerYear = sessions.lengthMinutes * sessions.tradingDaysPerYear;
    const variancePerMinute = (o.annualVolatility * o.annualVolatility) / minutesPerYear;
    const barYears = barMinutes / minutesPerYear;
    const midday = o.session.volumeMiddayRatio;
    // Mean of the U-shape m + (1 - m)(2x - 1)^2 over x in [0, 1]
    const meanShape = midday + (1 - midday) / 3;
    const grid = new TickGrid(o.tickSize);

    let logPrice = Math.log(o.startPrice);
    let anchor = logPrice;
    let previousEnd = Number.NaN;
    for (const session of sessions.between(this.from, this.to)) {
      const sessionLength = session.end - session.start;
      let time = session.start + Math.max(0, Math.ceil((this.from - session.start) / barMs)) * barMs;
      if (!Number.isNaN(previousEnd) && time === session.start && o.gapVarianceRatio > 0) {
        const breakMinutes = (session.start - previousEnd) / 60_000;
        logPrice += Math.sqrt(variancePerMinute * breakMinutes * o.gapVarianceRatio) * shocks.normal();
      }
      for (; time + barMs <= session.end && time < this.to; time += barMs) {
        if (regimes.step()) anchor = logPrice;
        const regime = regimes.regime;
        const position = (time - session.start + barMs / 2) / sessionLength;
        const shape = (midday + (1 - midday) * (2 * position - 1) ** 2) / meanShape;
        const variance = variancePerMinute * barMinutes * regimes.volatility[regimes.index]! ** 2 * shape * garch.value;
        const sigma = Math.sqrt(variance);
        let drift = regime.annualDrift * barYears;
        if (regime.reversionHalfLifeMinutes > 0) drift -= (1 - 0.5 ** (barMinutes / regime.reversionHalfLifeMinutes)) * (logPrice - anchor);
        const z = shocks.normal();
        const change = drift + sigma * z;
        // Extremes of a Brownian path from 0 to `change` with this variance (exact bridge distributions)
        const up = (change + Math.sqrt(change * change - 2 * variance * Math.log(1 - extremes.next()))) / 2;
        const down = (change - Math.sqrt(change * change - 2 * variance * Math.log(1 - extremes.next()))) / 2;
        const open = grid.round(Math.exp(logPrice));
        const close = grid.round(Math.exp(logPrice + change));
        const high = Math.max(grid.round(Math.exp(logPrice + up)), open, close);
        const low = Math.min(grid.round(Math.exp(logPrice + down)), open, close);
        const noise = Math.exp(VOLUME_NOISE * volumes.normal() - (VOLUME_NOISE * VOLUME_NOISE) / 2);
        const activity = regimes.volatility[regimes.index]! * Math.sqrt(garch.value);
        const volume = Math.round(o.baseVolume * barMinutes * shape * activity * noise);
        logPrice += change;
        garch.update(z);
        this.currentRegime = regime.name;
        yield { symbol: o.symbol, timeframe: o.timeframe, start: time, end: time + barMs, open, high, low, close, volume, synthetic: false };
      }
      previousEnd = session.end;
    }
  }
}

/** Returns a generator of the synthetic market's bars (see `SyntheticMarket`). */
export function generateSyntheticBars(options: SyntheticMarketInput = {}): Generator<Bar> {
  return new SyntheticMarket(options).bars();
}

/** Rounds prices to a tick grid through integer tick counts, trimming binary noise (0.1 + 0.2). */
class TickGrid {
  private readonly scale: number;

  constructor(private readonly tickSize: number) {
    let decimals = 0;
    while (decimals < 12 && Math.abs(tickSize * 10 ** decimals - Math.round(tickSize * 10 ** decimals)) > 1e-9) decimals++;
    this.scale = 10 ** decimals;
  }

  /** Returns the nearest grid price, at least one tick. */
  round(price: number): number {
    const ticks = Math.max(1, Math.round(price / this.tickSize));
    return Math.round(ticks * this.tickSize * this.scale) / this.scale;
  }
}
