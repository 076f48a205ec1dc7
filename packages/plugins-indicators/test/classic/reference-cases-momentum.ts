// Independent checks of the moving averages and momentum indicators
import * as ti from 'technicalindicators';
import * as ts from 'trading-signals';
import * as classic from '../../src/classic/index.js';
import { alignTail, columnsOf } from './reference-data.js';
import type { ReferenceCase } from './reference-helpers.js';
import { candle, closes, decayed, emaAlpha, map, tiEma, tsObject, tsSeries } from './reference-helpers.js';

/** Independent checks of the moving averages and momentum indicators. */
export const momentumReferenceCases: readonly ReferenceCase[] = [
  // Moving averages
  { name: 'SMA(20) vs technicalindicators SMA', create: () => new classic.SimpleMovingAverage({ period: 20 }), reference: (bars) => ({ value: alignTail(ti.SMA.calculate({ period: 20, values: columnsOf(bars).close }), bars.length) }) },
  { name: 'SMA(20) of hlc3 vs trading-signals SMA', create: () => new classic.SimpleMovingAverage({ period: 20, source: 'hlc3' }), reference: (bars) => ({ value: tsSeries(bars, new ts.SMA(20), (bar) => (bar.high + bar.low + bar.close) / 3) }) },
  { name: 'EMA(20) vs technicalindicators EMA (both SMA-seeded)', create: () => new classic.ExponentialMovingAverage({ period: 20 }), reference: (bars) => ({ value: tiEma(closes(bars), 20) }) },
  {
    name: 'EMA(20) vs trading-signals EMA after its first-price seed has decayed',
    create: () => new classic.ExponentialMovingAverage({ period: 20 }),
    reference: (bars) => ({ value: tsSeries(bars, new ts.EMA(20), (bar) => bar.close) }),
    from: decayed(emaAlpha(20)),
  },
  { name: 'WMA(20) vs technicalindicators WMA', create: () => new classic.WeightedMovingAverage({ period: 20 }), reference: (bars) => ({ value: alignTail(ti.WMA.calculate({ period: 20, values: columnsOf(bars).close }), bars.length) }) },
  { name: 'WMA(10) of open vs trading-signals WMA', create: () => new classic.WeightedMovingAverage({ period: 10, source: 'open' }), reference: (bars) => ({ value: tsSeries(bars, new ts.WMA(10), (bar) => bar.open) }) },
  {
    name: 'DEMA(20) vs 2·EMA − EMA(EMA) from technicalindicators EMAs',
    create: () => new classic.DoubleExponentialMovingAverage({ period: 20 }),
    reference: (bars) => {
      const e1 = tiEma(closes(bars), 20);
      return { value: map([e1, tiEma(e1, 20)], (a, b) => 2 * a - b) };
    },
  },
  { name: 'DEMA(20) vs trading-signals DEMA after seed decay', create: () => new classic.DoubleExponentialMovingAverage({ period: 20 }), reference: (bars) => ({ value: tsSeries(bars, new ts.DEMA(20), (bar) => bar.close) }), from: 2 * decayed(emaAlpha(20)) },
  {
    name: 'TEMA(10) vs 3·E1 − 3·E2 + E3 from technicalindicators EMAs',
    create: () => new classic.TripleExponentialMovingAverage({ period: 10 }),
    reference: (bars) => {
      const e1 = tiEma(closes(bars), 10);
      const e2 = tiEma(e1, 10);
      return { value: map([e1, e2, tiEma(e2, 10)], (a, b, c) => 3 * a - 3 * b + c) };
    },
  },
  { name: 'TEMA(10) vs trading-signals TEMA after seed decay', create: () => new classic.TripleExponentialMovingAverage({ period: 10 }), reference: (bars) => ({ value: tsSeries(bars, new ts.TEMA(10), (bar) => bar.close) }), from: 3 * decayed(emaAlpha(10)) },
  { name: 'HMA(16) vs trading-signals HMA', create: () => new classic.HullMovingAverage({ period: 16 }), reference: (bars) => ({ value: tsSeries(bars, new ts.HMA(16), (bar) => bar.close) }) },
  { name: 'HMA(20) of hl2 vs trading-signals HMA', create: () => new classic.HullMovingAverage({ period: 20, source: 'hl2' }), reference: (bars) => ({ value: tsSeries(bars, new ts.HMA(20), (bar) => (bar.high + bar.low) / 2) }) },
  { name: 'KAMA(10, 2, 30) vs trading-signals KAMA', create: () => new classic.KaufmanAdaptiveMovingAverage(), reference: (bars) => ({ value: tsSeries(bars, new ts.KAMA(10), (bar) => bar.close) }) },

  // Momentum
  { name: 'RSI(14) vs trading-signals RSI (Wilder, SMA-seeded)', create: () => new classic.RelativeStrengthIndex({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.RSI(14), (bar) => bar.close) }) },
  {
    // technicalindicators rounds RSI to two decimals (toFixed(2)), so it can differ by up to half a hundredth
    name: 'RSI(14) vs technicalindicators RSI, which rounds to 0.01',
    create: () => new classic.RelativeStrengthIndex({ period: 14 }),
    reference: (bars) => ({ value: alignTail(ti.RSI.calculate({ period: 14, values: columnsOf(bars).close }), bars.length) }),
    absoluteTolerance: 0.005 + 1e-9,
  },
  {
    name: 'Stochastic(14, 1, 3) vs technicalindicators Stochastic',
    create: () => new classic.StochasticOscillator({ period: 14, smoothK: 1, smoothD: 3 }),
    reference: (bars) => {
      const { high, low, close } = columnsOf(bars);
      const rows = ti.Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 });
      // technicalindicators emits %K two bars before %D; ours waits for both
      const k = alignTail(rows.map((row) => row.k), bars.length);
      const d = alignTail(rows.map((row) => row.d), bars.length);
      return { k: k.map((value, i) => (Number.isNaN(d[i]!) ? Number.NaN : value)), d };
    },
  },
  {
    name: 'Stochastic(14, 3, 3) vs trading-signals StochasticOscillator',
    create: () => new classic.StochasticOscillator({ period: 14, smoothK: 3, smoothD: 3 }),
    reference: (bars) => {
      const [k, d] = tsObject(bars, new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }), candle, [(r) => r.stochK, (r) => r.stochD]);
      return { k: k!, d: d! };
    },
  },
  {
    // Only the raw line: trading-signals skips its %K/%D SMAs whenever %K is exactly 0 (`if (k)`), see the next case
    name: 'StochRSI(14, 14, 3, 3) raw line vs trading-signals StochasticRSI (0–1 scale)',
    create: () => new classic.StochasticRsi(),
    reference: (bars) => {
      const raw = tsSeries(bars, new ts.StochasticRSI(14), (bar) => bar.close).map((value) => 100 * value);
      // Ours waits for %D, 4 bars after the first raw value
      return { stochRsi: raw.map((value, i) => (i >= 31 ? value : Number.NaN)) };
    },
  },
  {
    name: 'StochRSI(14, 14, 3, 3) vs trading-signals RSI with window min/max and technicalindicators SMAs',
    create: () => new classic.StochasticRsi(),
    reference: (bars) => {
      const rsi = tsSeries(bars, new ts.RSI(14), (bar) => bar.close);
      const raw = new Float64Array(bars.length).fill(Number.NaN);
      for (let i = 14 + 13; i < bars.length; i++) {
        const window = Array.from(rsi.subarray(i - 13, i + 1));
        const low = Math.min(...window);
        const range = Math.max(...window) - low;
        raw[i] = range > 0 ? (100 * (rsi[i]! - low)) / range : 50;
      }
      const sma = (column: Float64Array) => {
        const start = column.findIndex((value) => !Number.isNaN(value));
        const out = new Float64Array(column.length).fill(Number.NaN);
        out.set(alignTail(ti.SMA.calculate({ period: 3, values: Array.from(column.subarray(start)) }), column.length - start), start);
        return out;
      };
      const k = sma(raw);
      const d = sma(k);
      const ready = (column: Float64Array) => column.map((value, i) => (Number.isNaN(d[i]!) ? Number.NaN : value));
      return { stochRsi: ready(raw), k: ready(k), d };
    },
  },
  {
    name: 'MACD(12, 26, 9) vs technicalindicators MACD (EMA oscillator and signal)',
    create: () => new classic.MovingAverageConvergenceDivergence(),
    reference: (bars) => {
      const rows = ti.MACD.calculate({ values: columnsOf(bars).close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
      const signal = alignTail(rows.map((row) => row.signal), bars.length);
      const keep = (column: Float64Array) => column.map((value, i) => (Number.isNaN(signal[i]!) ? Number.NaN : value));
      return { macd: keep(alignTail(rows.map((row) => row.MACD), bars.length)), signal, histogram: keep(alignTail(rows.map((row) => row.histogram), bars.length)) };
    },
  },
  {
    name: 'MACD(12, 26, 9) vs trading-signals MACD after seed decay',
    create: () => new classic.MovingAverageConvergenceDivergence(),
    reference: (bars) => {
      const [macd, signal, histogram] = tsObject(bars, new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)), (bar) => bar.close, [(r) => r.macd, (r) => r.signal, (r) => r.histogram]);
      return { macd: macd!, signal: signal!, histogram: histogram! };
    },
    from: 2 * decayed(emaAlpha(26)),
  },
  { name: 'CCI(20) vs technicalindicators CCI', create: () => new classic.CommodityChannelIndex({ period: 20 }), reference: (bars) => ({ value: alignTail(ti.CCI.calculate({ ...columnsOf(bars), period: 20 }), bars.length) }) },
  { name: 'CCI(14) vs trading-signals CCI', create: () => new classic.CommodityChannelIndex({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.CCI(14), candle) }) },
  { name: 'ROC(12) vs technicalindicators ROC (percent)', create: () => new classic.RateOfChange({ period: 12 }), reference: (bars) => ({ value: alignTail(ti.ROC.calculate({ period: 12, values: columnsOf(bars).close }), bars.length) }) },
  { name: 'ROC(9) vs trading-signals ROC (fraction × 100)', create: () => new classic.RateOfChange({ period: 9 }), reference: (bars) => ({ value: tsSeries(bars, new ts.ROC(9), (bar) => bar.close).map((value) => 100 * value) }) },
  { name: 'Momentum(10) vs trading-signals MOM', create: () => new classic.Momentum({ period: 10 }), reference: (bars) => ({ value: tsSeries(bars, new ts.MOM(10), (bar) => bar.close) }) },
  { name: 'Williams %R(14) vs technicalindicators WilliamsR', create: () => new classic.WilliamsPercentRange({ period: 14 }), reference: (bars) => ({ value: alignTail(ti.WilliamsR.calculate({ ...columnsOf(bars), period: 14 }), bars.length) }) },
  { name: 'Williams %R(10) vs trading-signals WilliamsR', create: () => new classic.WilliamsPercentRange({ period: 10 }), reference: (bars) => ({ value: tsSeries(bars, new ts.WilliamsR(10), candle) }) },
  { name: 'CMO(14) vs trading-signals CMO', create: () => new classic.ChandeMomentumOscillator({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.CMO(14), (bar) => bar.close) }) },
  {
    name: 'PPO(12, 26, 9) vs technicalindicators EMAs',
    create: () => new classic.PercentagePriceOscillator(),
    reference: (bars) => {
      const fast = tiEma(closes(bars), 12);
      const slow = tiEma(closes(bars), 26);
      const ppo = map([fast, slow], (f, s) => (100 * (f - s)) / s);
      const signal = tiEma(ppo, 9);
      const keep = (column: Float64Array) => column.map((value, i) => (Number.isNaN(signal[i]!) ? Number.NaN : value));
      return { ppo: keep(ppo), signal, histogram: keep(map([ppo, signal], (p, s) => p - s)) };
    },
  },
  { name: 'PPO line vs trading-signals PPO after seed decay', create: () => new classic.PercentagePriceOscillator(), reference: (bars) => ({ ppo: tsSeries(bars, new ts.PPO({ fastPeriod: 12, slowPeriod: 26 }), (bar) => bar.close) }), from: decayed(emaAlpha(26)) },
  {
    name: 'TSI(25, 13, 13) vs technicalindicators EMAs of the price change',
    create: () => new classic.TrueStrengthIndex(),
    reference: (bars) => {
      const change = closes(bars).map((value, i, all) => (i === 0 ? Number.NaN : value - all[i - 1]!));
      const momentum = tiEma(tiEma(change, 25), 13);
      const magnitude = tiEma(tiEma(change.map(Math.abs), 25), 13);
      const tsi = map([momentum, magnitude], (m, a) => (100 * m) / a);
      const signal = tiEma(tsi, 13);
      return { tsi: tsi.map((value, i) => (Number.isNaN(signal[i]!) ? Number.NaN : value)), signal };
    },
  },
  { name: 'TSI line vs trading-signals TSI after seed decay', create: () => new classic.TrueStrengthIndex(), reference: (bars) => ({ tsi: tsSeries(bars, new ts.TSI({ longPeriod: 25, shortPeriod: 13 }), (bar) => bar.close) }), from: 2 * decayed(emaAlpha(25)) },
  { name: 'Ultimate oscillator(7, 14, 28) vs trading-signals UltimateOscillator', create: () => new classic.UltimateOscillator(), reference: (bars) => ({ value: tsSeries(bars, new ts.UltimateOscillator({ shortPeriod: 7, mediumPeriod: 14, longPeriod: 28 }), candle) }) },
  { name: 'Awesome oscillator(5, 34) vs technicalindicators AwesomeOscillator', create: () => new classic.AwesomeOscillator(), reference: (bars) => ({ value: alignTail(ti.AwesomeOscillator.calculate({ ...columnsOf(bars), fastPeriod: 5, slowPeriod: 34 }), bars.length) }) },
  { name: 'Awesome oscillator(5, 34) vs trading-signals AO', create: () => new classic.AwesomeOscillator(), reference: (bars) => ({ value: tsSeries(bars, new ts.AO(5, 34), candle) }) },
  { name: 'DPO(20) vs trading-signals DPO', create: () => new classic.DetrendedPriceOscillator({ period: 20 }), reference: (bars) => ({ value: tsSeries(bars, new ts.DPO(20), (bar) => bar.close) }) },
  { name: 'DPO(5) vs trading-signals DPO', create: () => new classic.DetrendedPriceOscillator({ period: 5 }), reference: (bars) => ({ value: tsSeries(bars, new ts.DPO(5), (bar) => bar.close) }) },
  { name: 'TRIX(15) vs technicalindicators TRIX', create: () => new classic.TripleExponentialAverage({ period: 15 }), reference: (bars) => ({ value: alignTail(ti.TRIX.calculate({ period: 15, values: columnsOf(bars).close }), bars.length) }) },
  {
    name: 'Elder ray(13) vs technicalindicators EMA',
    create: () => new classic.ElderRay(),
    reference: (bars) => {
      const average = tiEma(closes(bars), 13);
      return { bullPower: average.map((value, i) => bars[i]!.high - value), bearPower: average.map((value, i) => bars[i]!.low - value) };
    },
  },
  {
    name: 'Elder ray(13) vs trading-signals ElderRay after seed decay',
    create: () => new classic.ElderRay(),
    reference: (bars) => {
      const [bullPower, bearPower] = tsObject(bars, new ts.ElderRay(13), candle, [(r) => r.bullPower, (r) => r.bearPower]);
      return { bullPower: bullPower!, bearPower: bearPower! };
    },
    from: decayed(emaAlpha(13)),
  },
];
