// Independent checks of the trend, volatility, statistics, volume and price indicators
import * as indicatorts from 'indicatorts';
import * as ti from 'technicalindicators';
import * as ts from 'trading-signals';
import * as classic from '../../src/classic/index.js';
import { alignTail, columnsOf } from './reference-data.js';
import type { ReferenceCase } from './reference-helpers.js';
import { candle, closes, decayed, emaAlpha, map, tiEma, tsObject, tsSeries, windowed } from './reference-helpers.js';

/** Independent checks of the trend, volatility, statistics, volume and price indicators. */
export const marketReferenceCases: readonly ReferenceCase[] = [
  // Trend
  {
    name: 'ADX(14) vs technicalindicators ADX (Wilder, DM and TR from the second bar)',
    create: () => new classic.AverageDirectionalIndex({ period: 14 }),
    reference: (bars) => {
      const rows = ti.ADX.calculate({ ...columnsOf(bars), period: 14 });
      return { adx: alignTail(rows.map((r) => r.adx), bars.length), plusDi: alignTail(rows.map((r) => r.pdi), bars.length), minusDi: alignTail(rows.map((r) => r.mdi), bars.length) };
    },
  },
  {
    name: 'Aroon(25) vs trading-signals Aroon (newest extreme wins ties)',
    create: () => new classic.Aroon({ period: 25 }),
    reference: (bars) => {
      const [up, down] = tsObject(bars, new ts.Aroon(25), candle, [(r) => r.aroonUp, (r) => r.aroonDown]);
      return { up: up!, down: down!, oscillator: map([up!, down!], (u, d) => u - d) };
    },
  },
  {
    name: 'SuperTrend(10, 3) vs trading-signals SuperTrend',
    create: () => new classic.SuperTrend(),
    reference: (bars) => {
      const [value, direction] = tsObject(bars, new ts.SuperTrend({ interval: 10, multiplier: 3 }), candle, [(r) => r.supertrend, (r) => (r.trend === 'BULLISH' ? 1 : -1)]);
      return { value: value!, direction: direction! };
    },
  },
  {
    // technicalindicators also emits the first bar's low as a SAR; ours starts at the second bar
    name: 'Parabolic SAR(0.02, 0.2) vs technicalindicators PSAR',
    create: () => new classic.ParabolicSar(),
    reference: (bars) => {
      const { high, low } = columnsOf(bars);
      const value = alignTail(ti.PSAR.calculate({ high, low, step: 0.02, max: 0.2 }), bars.length);
      value[0] = Number.NaN;
      return { value };
    },
  },
  {
    name: 'Ichimoku(9, 26, 52, 26) vs technicalindicators IchimokuCloud shifted by the displacement',
    create: () => new classic.IchimokuCloud(),
    reference: (bars) => {
      const { high, low } = columnsOf(bars);
      const rows = ti.IchimokuCloud.calculate({ high, low, conversionPeriod: 9, basePeriod: 26, spanPeriod: 52, displacement: 26 });
      const conversion = alignTail(rows.map((r) => r.conversion), bars.length);
      const base = alignTail(rows.map((r) => r.base), bars.length);
      const shift = (column: Float64Array) => column.map((_, i) => (i >= 26 ? column[i - 26]! : Number.NaN));
      const senkouA = shift(alignTail(rows.map((r) => r.spanA), bars.length));
      const ready = (column: Float64Array) => column.map((value, i) => (Number.isNaN(senkouA[i]!) ? Number.NaN : value));
      return { tenkan: ready(conversion), kijun: ready(base), senkouA, senkouB: shift(alignTail(rows.map((r) => r.spanB), bars.length)), chikou: ready(closes(bars)) };
    },
  },
  {
    name: 'Ichimoku(9, 26, 52, 26) vs trading-signals IchimokuCloud shifted by the displacement',
    create: () => new classic.IchimokuCloud(),
    reference: (bars) => {
      const [a, b] = tsObject(bars, new ts.IchimokuCloud({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 }), candle, [(r) => r.spanA, (r) => r.spanB]);
      const shift = (column: Float64Array) => column.map((_, i) => (i >= 26 ? column[i - 26]! : Number.NaN));
      return { senkouA: shift(a!), senkouB: shift(b!) };
    },
  },
  {
    name: 'Vortex(14) vs trading-signals VortexIndicator',
    create: () => new classic.VortexIndicator(),
    reference: (bars) => {
      const [plus, minus] = tsObject(bars, new ts.VortexIndicator(14), candle, [(r) => r.plus, (r) => r.minus]);
      return { plus: plus!, minus: minus! };
    },
  },

  // Volatility
  { name: 'True range vs trading-signals TR (high − low on the first bar)', create: () => new classic.TrueRange(), reference: (bars) => ({ value: tsSeries(bars, new ts.TR(), candle) }) },
  { name: 'ATR(14) vs trading-signals ATR (Wilder, SMA-seeded)', create: () => new classic.AverageTrueRange({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.ATR(14), candle) }) },
  {
    // technicalindicators drops the first bar's true range, so its Wilder seed averages bars 2–15 instead of 1–14
    name: 'ATR(14) vs technicalindicators ATR after seed decay',
    create: () => new classic.AverageTrueRange({ period: 14 }),
    reference: (bars) => ({ value: alignTail(ti.ATR.calculate({ ...columnsOf(bars), period: 14 }), bars.length) }),
    from: decayed(1 / 14),
  },
  { name: 'NATR(14) vs trading-signals NATR', create: () => new classic.NormalizedAverageTrueRange({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.NATR(14), candle) }) },
  {
    name: 'Bollinger(20, 2) vs technicalindicators BollingerBands (population σ, %B)',
    create: () => new classic.BollingerBands(),
    reference: (bars) => {
      const rows = ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: columnsOf(bars).close });
      const column = (f: (row: (typeof rows)[number]) => number) => alignTail(rows.map(f), bars.length);
      return { middle: column((r) => r.middle), upper: column((r) => r.upper), lower: column((r) => r.lower), percentB: column((r) => r.pb) };
    },
  },
  {
    name: 'Bollinger(20, 2) bandwidth vs trading-signals BollingerBandsWidth',
    create: () => new classic.BollingerBands(),
    reference: (bars) => ({ bandwidth: tsSeries(bars, new ts.BollingerBandsWidth(new ts.BollingerBands(20, 2)), (bar) => bar.close) }),
  },
  {
    name: 'Keltner(20, 10, 2) vs technicalindicators EMA and trading-signals ATR',
    create: () => new classic.KeltnerChannels(),
    reference: (bars) => {
      const middle = tiEma(closes(bars), 20);
      const atr = tsSeries(bars, new ts.ATR(10), candle);
      return { middle, upper: map([middle, atr], (m, a) => m + 2 * a), lower: map([middle, atr], (m, a) => m - 2 * a) };
    },
  },
  {
    name: 'Keltner(20, 10, 2) vs trading-signals KeltnerChannels after seed decay',
    create: () => new classic.KeltnerChannels(),
    reference: (bars) => {
      const [middle, upper, lower] = tsObject(bars, new ts.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 }), candle, [(r) => r.middle, (r) => r.upper, (r) => r.lower]);
      return { middle: middle!, upper: upper!, lower: lower! };
    },
    from: decayed(emaAlpha(20)),
  },
  {
    name: 'Donchian(20) vs trading-signals DonchianChannels',
    create: () => new classic.DonchianChannels(),
    reference: (bars) => {
      const [upper, middle, lower] = tsObject(bars, new ts.DonchianChannels(20), candle, [(r) => r.upper, (r) => r.middle, (r) => r.lower]);
      return { upper: upper!, middle: middle!, lower: lower! };
    },
  },
  {
    name: 'Mass index(9, 25) vs technicalindicators EMAs summed over 25 bars',
    create: () => new classic.MassIndex(),
    reference: (bars) => {
      const single = tiEma(Float64Array.from(bars, (bar) => bar.high - bar.low), 9);
      const ratio = map([single, tiEma(single, 9)], (s, d) => s / d);
      const start = ratio.findIndex((value) => !Number.isNaN(value));
      const sums = windowed(ratio.subarray(start), 25, (window) => window.reduce((sum, x) => sum + x, 0));
      const value = new Float64Array(bars.length).fill(Number.NaN);
      value.set(sums, start);
      return { value };
    },
  },
  { name: 'Mass index(9, 25) vs trading-signals MassIndex after seed decay', create: () => new classic.MassIndex(), reference: (bars) => ({ value: tsSeries(bars, new ts.MassIndex(25), candle) }), from: 2 * decayed(emaAlpha(9)) },

  // Statistics
  { name: 'Standard deviation(20) vs technicalindicators SD (population)', create: () => new classic.StandardDeviation({ period: 20 }), reference: (bars) => ({ value: alignTail(ti.SD.calculate({ period: 20, values: columnsOf(bars).close }), bars.length) }) },
  {
    name: 'Standard deviation(10, sample) vs a two-pass sample σ',
    create: () => new classic.StandardDeviation({ period: 10, estimator: 'sample' }),
    reference: (bars) => ({
      value: windowed(closes(bars), 10, (window) => {
        const mean = window.reduce((sum, x) => sum + x, 0) / window.length;
        return Math.sqrt(window.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (window.length - 1));
      }),
    }),
  },
  { name: 'Variance(20) vs technicalindicators SD squared', create: () => new classic.Variance({ period: 20 }), reference: (bars) => ({ value: alignTail(ti.SD.calculate({ period: 20, values: columnsOf(bars).close }), bars.length).map((sd) => sd * sd) }) },
  { name: 'Z-score(20) vs trading-signals getZScore', create: () => new classic.ZScore({ period: 20 }), reference: (bars) => ({ value: windowed(closes(bars), 20, (window) => ts.getZScore(window)) }) },
  {
    name: 'Linear regression(14) vs trading-signals LinearRegression (value = prediction − slope)',
    create: () => new classic.LinearRegression({ period: 14 }),
    reference: (bars) => {
      const [slope, intercept, prediction] = tsObject(bars, new ts.LinearRegression(14), (bar) => bar.close, [(r) => r.slope, (r) => r.intercept, (r) => r.prediction]);
      return { slope: slope!, intercept: intercept!, value: map([prediction!, slope!], (p, s) => p - s) };
    },
  },
  {
    name: 'Correlation(20) close vs volume vs trading-signals getCorrelation',
    create: () => new classic.PearsonCorrelation({ period: 20 }),
    reference: (bars) => {
      const volume = Float64Array.from(bars, (bar) => bar.volume);
      const close = closes(bars);
      return { value: windowed(Float64Array.from(bars.keys()), 20, (indices) => ts.getCorrelation(indices.map((i) => close[i]!), indices.map((i) => volume[i]!))) };
    },
  },
  {
    name: 'Correlation(30) high vs low vs trading-signals getCorrelation',
    create: () => new classic.PearsonCorrelation({ period: 30, source: 'high', against: 'low' }),
    reference: (bars) => ({ value: windowed(Float64Array.from(bars.keys()), 30, (indices) => ts.getCorrelation(indices.map((i) => bars[i]!.high), indices.map((i) => bars[i]!.low))) }),
  },

  // Volume
  {
    // technicalindicators starts OBV at the second bar (ours reads 0 on the first bar, checked separately)
    name: 'OBV vs technicalindicators OBV from the second bar',
    create: () => new classic.OnBalanceVolume(),
    reference: (bars) => {
      const { close, volume } = columnsOf(bars);
      const value = alignTail(ti.OBV.calculate({ close, volume }), bars.length);
      value[0] = 0;
      return { value };
    },
  },
  { name: 'MFI(14) vs trading-signals MFI', create: () => new classic.MoneyFlowIndex({ period: 14 }), reference: (bars) => ({ value: tsSeries(bars, new ts.MFI(14), candle) }) },
  { name: 'CMF(20) vs trading-signals CMF', create: () => new classic.ChaikinMoneyFlow({ period: 20 }), reference: (bars) => ({ value: tsSeries(bars, new ts.CMF(20), candle) }) },
  { name: 'A/D line vs trading-signals AD', create: () => new classic.AccumulationDistribution(), reference: (bars) => ({ value: tsSeries(bars, new ts.AD(), candle) }) },
  {
    name: 'Chaikin oscillator(3, 10) vs technicalindicators EMAs of the trading-signals A/D line',
    create: () => new classic.ChaikinOscillator(),
    reference: (bars) => {
      const line = tsSeries(bars, new ts.AD(), candle);
      return { value: map([tiEma(line, 3), tiEma(line, 10)], (fast, slow) => fast - slow) };
    },
  },
  {
    name: 'Chaikin oscillator(3, 10) vs trading-signals ADOSC after seed decay',
    create: () => new classic.ChaikinOscillator(),
    reference: (bars) => ({ value: tsSeries(bars, new ts.ADOSC({ fastPeriod: 3, slowPeriod: 10 }), candle) }),
    from: decayed(emaAlpha(10)),
    scale: (bars) => Math.max(...tsSeries(bars, new ts.AD(), candle).map(Math.abs)),
  },
  { name: 'Force index(13) vs technicalindicators ForceIndex (SMA-seeded EMA)', create: () => new classic.ForceIndex(), reference: (bars) => ({ value: alignTail(ti.ForceIndex.calculate({ ...columnsOf(bars), period: 13 }), bars.length) }) },
  { name: 'Force index(13) vs trading-signals ForceIndex after seed decay', create: () => new classic.ForceIndex(), reference: (bars) => ({ value: tsSeries(bars, new ts.ForceIndex(13), candle) }), from: decayed(emaAlpha(13)) },
  { name: 'EMV(14, 10000) vs trading-signals EMV', create: () => new classic.EaseOfMovement(), reference: (bars) => ({ value: tsSeries(bars, new ts.EMV(14, 10_000), candle) }) },
  { name: 'VWAP (never reset) vs trading-signals VWAP', create: () => new classic.VolumeWeightedAveragePrice({ reset: 'never' }), reference: (bars) => ({ value: tsSeries(bars, new ts.VWAP(), candle) }) },
  {
    name: 'VWAP (daily sessions from 00:00 UTC) vs technicalindicators VWAP restarted each day',
    create: () => new classic.VolumeWeightedAveragePrice(),
    reference: (bars) => {
      const value = new Float64Array(bars.length);
      let first = 0;
      while (first < bars.length) {
        const day = Math.floor(bars[first]!.start / 86_400_000);
        let end = first;
        while (end < bars.length && Math.floor(bars[end]!.start / 86_400_000) === day) end++;
        const session = bars.slice(first, end);
        value.set(ti.VWAP.calculate(columnsOf(session)), first);
        first = end;
      }
      return { value };
    },
  },

  // Prices
  {
    name: 'Typical price vs indicatorts typicalPrice',
    create: () => new classic.TypicalPrice(),
    reference: (bars) => {
      const { high, low, close } = columnsOf(bars);
      return { value: Float64Array.from(indicatorts.typicalPrice(high, low, close)) };
    },
  },
  { name: 'Median price vs trading-signals getMedianPrice', create: () => new classic.MedianPrice(), reference: (bars) => ({ value: Float64Array.from(bars, (bar) => ts.getMedianPrice(candle(bar))) }) },
];
