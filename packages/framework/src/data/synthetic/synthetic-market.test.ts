import { describe, expect, it } from 'vitest';
import type { Bar } from '../../model/bar.js';
import { SeededRandom } from '../../random/seeded-random.js';
import { MARKET_REGIMES, REGIME_TRANSITIONS, regimeTimeShares } from './market-regimes.js';
import { SyntheticMarket, generateSyntheticBars } from './synthetic-market.js';
import type { SyntheticMarketInput } from './synthetic-market-options.js';

const NQ: SyntheticMarketInput = { symbol: 'NQ', from: '2024-01-01', to: '2024-03-01', seed: 7, tickSize: 0.25, startPrice: 17000 };

function autocorrelation(values: readonly number[], lag: number): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    denominator += (values[i]! - mean) ** 2;
    if (i >= lag) numerator += (values[i]! - mean) * (values[i - lag]! - mean);
  }
  return numerator / denominator;
}

// Absolute log returns between consecutive bars of one session (no break in between)
function absoluteReturns(bars: readonly Bar[]): number[] {
  const result: number[] = [];
  for (let i = 1; i < bars.length; i++) {
    if (bars[i]!.start === bars[i - 1]!.end) result.push(Math.abs(Math.log(bars[i]!.close / bars[i - 1]!.close)));
  }
  return result;
}

const newYork = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' });
function newYorkClock(time: number): { weekday: string; minutes: number } {
  const parts = Object.fromEntries(newYork.formatToParts(time).map((part) => [part.type, part.value]));
  return { weekday: parts.weekday!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('generateSyntheticBars', () => {
  const bars = [...generateSyntheticBars(NQ)];

  it('is deterministic for a seed and differs for another seed', () => {
    expect([...generateSyntheticBars(NQ)]).toEqual(bars);
    const other = [...generateSyntheticBars({ ...NQ, seed: 8 })];
    expect(other).toHaveLength(bars.length);
    expect(other.map((bar) => bar.close)).not.toEqual(bars.map((bar) => bar.close));
  });

  it('puts every price on the tick grid and keeps OHLC consistent, volume a non-negative integer', () => {
    const problems: string[] = [];
    for (const bar of bars) {
      const prices = [bar.open, bar.high, bar.low, bar.close];
      if (!prices.every((price) => Number.isInteger(price * 4) && price > 0)) problems.push(`off grid ${JSON.stringify(bar)}`);
      if (bar.high < Math.max(bar.open, bar.close) || bar.low > Math.min(bar.open, bar.close)) problems.push(`inconsistent ${JSON.stringify(bar)}`);
      if (!Number.isInteger(bar.volume) || bar.volume < 0) problems.push(`volume ${JSON.stringify(bar)}`);
      if (bar.end - bar.start !== 60_000 || bar.symbol !== 'NQ' || bar.timeframe !== '1m' || bar.synthetic) problems.push(`stamp ${JSON.stringify(bar)}`);
    }
    expect(problems).toEqual([]);
    // Cent ticks: two decimals at most, without binary noise
    const cents = [...generateSyntheticBars({ from: '2024-01-02', to: '2024-01-03', tickSize: 0.01 })];
    expect(cents.length).toBeGreaterThan(1000);
    expect(cents.flatMap((bar) => [bar.open, bar.high, bar.low, bar.close]).filter((price) => !/^\d+(\.\d{1,2})?$/.test(String(price)))).toEqual([]);
  });

  it('opens each bar at the previous close within a session, and starts at startPrice', () => {
    expect(bars[0]!.open).toBe(17000);
    let continued = 0;
    const jumps: number[] = [];
    for (let i = 1; i < bars.length; i++) {
      if (bars[i]!.start !== bars[i - 1]!.end) continue;
      continued++;
      if (bars[i]!.open !== bars[i - 1]!.close) jumps.push(i);
    }
    expect(continued).toBeGreaterThan(bars.length * 0.99);
    expect(jumps).toEqual([]);
  });

  it('has no bar in the daily 17:00-18:00 New York break or between Friday 17:00 and Sunday 18:00', () => {
    const inBreak = bars.filter((bar) =>
      [newYorkClock(bar.start), newYorkClock(bar.end - 1)].some(
        (clock) =>
          (clock.minutes >= 17 * 60 && clock.minutes < 18 * 60) ||
          clock.weekday === 'Sat' ||
          (clock.weekday === 'Fri' && clock.minutes >= 17 * 60) ||
          (clock.weekday === 'Sun' && clock.minutes < 18 * 60),
      ),
    );
    expect(inBreak).toEqual([]);
    // Sessions are full: 23 hours of minute bars from Sunday 18:00 (Monday's session)
    const sessionStarts = bars.filter((bar, i) => i === 0 || bar.start !== bars[i - 1]!.end);
    expect(sessionStarts.slice(1).every((bar) => newYorkClock(bar.start).minutes === 18 * 60)).toBe(true);
    const tuesday = bars.filter((bar) => bar.start >= Date.parse('2024-01-08T23:00:00Z') && bar.start < Date.parse('2024-01-09T22:00:00Z'));
    expect(tuesday).toHaveLength(23 * 60);
  });

  it('follows New York daylight time: the break moves from 22:00Z to 21:00Z in March', () => {
    const march = [...generateSyntheticBars({ ...NQ, from: '2024-03-05', to: '2024-03-15' })];
    const breakStarts = march.filter((bar, i) => i + 1 < march.length && bar.end !== march[i + 1]!.start).map((bar) => new Date(bar.end).toISOString().slice(11, 16));
    // Tue-Thu before the change close at 22:00Z, Fri 8 Mar too; after 10 Mar at 21:00Z
    expect(breakStarts).toEqual(['22:00', '22:00', '22:00', '22:00', '21:00', '21:00', '21:00', '21:00']);
  });

  it('clusters volatility: |returns| autocorrelate, more with GARCH than without, and not when shuffled', () => {
    const absolute = absoluteReturns(bars);
    const withGarch = autocorrelation(absolute, 1);
    const without = autocorrelation(absoluteReturns([...generateSyntheticBars({ ...NQ, garch: { alpha: 0, beta: 0 } })]), 1);
    const shuffled = [...absolute];
    const random = new SeededRandom(99);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(withGarch).toBeGreaterThan(0.15);
    expect(withGarch).toBeGreaterThan(without + 0.03);
    expect(Math.abs(autocorrelation(shuffled, 1))).toBeLessThan(0.02);
  });

  it('trades more at session open and close than at midday (U-shaped volume)', () => {
    const sums = [0, 0, 0];
    const counts = [0, 0, 0];
    for (const bar of bars) {
      const minutes = (newYorkClock(bar.start).minutes - 18 * 60 + 24 * 60) % (24 * 60);
      const position = minutes / (23 * 60);
      const bucket = position < 0.1 ? 0 : position >= 0.45 && position < 0.55 ? 1 : position >= 0.9 ? 2 : -1;
      if (bucket >= 0) {
        sums[bucket]! += bar.volume;
        counts[bucket]!++;
      }
    }
    const [open, midday, close] = sums.map((sum, i) => sum / counts[i]!);
    expect(open!).toBeGreaterThan(1.5 * midday!);
    expect(close!).toBeGreaterThan(1.5 * midday!);
  });

  it('visits several regimes, in long-run shares near the chain’s stationary shares', () => {
    const market = new SyntheticMarket({ ...NQ, to: '2025-01-01' });
    const counts = new Map<string, number>();
    let total = 0;
    for (const _bar of market) {
      counts.set(market.regime!, (counts.get(market.regime!) ?? 0) + 1);
      total++;
    }
    expect(counts.size).toBe(MARKET_REGIMES.length);
    const shares = regimeTimeShares();
    MARKET_REGIMES.forEach((regime, i) => expect(Math.abs(counts.get(regime.name)! / total - shares[i]!)).toBeLessThan(0.06));
  });

  it('realises the target annual volatility over a year of bars', () => {
    for (const annualVolatility of [0.2, 0.45]) {
      const year = [...generateSyntheticBars({ ...NQ, to: '2025-01-01', annualVolatility, seed: 11 })];
      const returns = [];
      for (let i = 1; i < year.length; i++) if (year[i]!.start === year[i - 1]!.end) returns.push(Math.log(year[i]!.close / year[i - 1]!.close));
      const variance = returns.reduce((sum, value) => sum + value * value, 0) / returns.length;
      // 252 trading days of 23 hours of minutes
      expect(Math.sqrt(variance * 252 * 23 * 60) / annualVolatility).toBeGreaterThan(0.9);
      expect(Math.sqrt(variance * 252 * 23 * 60) / annualVolatility).toBeLessThan(1.1);
    }
  });

  it('makes bars of other minute timeframes aligned to the session open', () => {
    const fives = [...generateSyntheticBars({ ...NQ, timeframe: '5m', from: '2024-01-08T23:00:00Z', to: '2024-01-09T22:00:00Z' })];
    expect(fives).toHaveLength(23 * 12);
    expect(fives.every((bar, i) => bar.start === Date.parse('2024-01-08T23:00:00Z') + i * 300_000 && bar.timeframe === '5m')).toBe(true);
  });

  it('supports a day session without weekends off and rejects bad options with every problem', () => {
    const day = [...generateSyntheticBars({ from: '2024-01-06', to: '2024-01-08', timeframe: '30m', session: { timezone: 'UTC', open: '09:00', close: '17:00', weekends: false } })];
    expect(day.map((bar) => new Date(bar.start).toISOString().slice(0, 16))).toHaveLength(32);
    expect(new Date(day[0]!.start).toISOString()).toBe('2024-01-06T09:00:00.000Z');
    expect(() => new SyntheticMarket({ from: '2024-02-01', to: '2024-01-01', timeframe: '30s', garch: { alpha: 0.5, beta: 0.6 } })).toThrow(
      /3 problems[\s\S]*timeframe: expected a whole number of minutes[\s\S]*garch: expected alpha \+ beta < 1[\s\S]*to: expected a time after from/,
    );
  });
});

describe('regime chain', () => {
  it('has stationary time shares: balance holds for the per-bar transition matrix', () => {
    const shares = regimeTimeShares();
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    // Per bar: leave regime i with probability p_i = 1 / durationFactor_i (in units of a small step), move along the rows
    const leave = MARKET_REGIMES.map((regime) => 0.001 / regime.durationFactor);
    for (let to = 0; to < shares.length; to++) {
      let inflow = 0;
      for (let from = 0; from < shares.length; from++) {
        const probability = from === to ? 1 - leave[from]! : leave[from]! * REGIME_TRANSITIONS[from]![to]!;
        inflow += shares[from]! * probability;
      }
      expect(inflow).toBeCloseTo(shares[to]!, 12);
    }
  });
});
