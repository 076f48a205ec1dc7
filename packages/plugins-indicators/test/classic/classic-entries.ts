// Every classic indicator with a factory, its plugin and option sets its schema must reject
import type { AnyPluginDefinition, Indicator } from '@grandmodel/framework';
import * as classic from '../../src/classic/index.js';

/** A classic indicator as the shared tests see it. */
export interface Entry {
  readonly create: (options?: Record<string, unknown>) => Indicator;
  readonly plugin: AnyPluginDefinition;
  readonly invalidOptions: readonly unknown[];
}

const period = [{ period: 0 }, { period: -3 }, { period: 2.5 }, { period: '14' }];
const source = [{ source: 'vwap' }];
const binding = [{ timeframe: '' }, { symbol: 42 }];

/** Every classic indicator by class name. */
export const classicEntries: Readonly<Record<string, Entry>> = {
  SimpleMovingAverage: { create: (o) => new classic.SimpleMovingAverage(o), plugin: classic.sma, invalidOptions: [...period, ...source, ...binding] },
  ExponentialMovingAverage: { create: (o) => new classic.ExponentialMovingAverage(o), plugin: classic.ema, invalidOptions: [...period, ...source] },
  WeightedMovingAverage: { create: (o) => new classic.WeightedMovingAverage(o), plugin: classic.wma, invalidOptions: [...period, ...source] },
  DoubleExponentialMovingAverage: { create: (o) => new classic.DoubleExponentialMovingAverage(o), plugin: classic.dema, invalidOptions: period },
  TripleExponentialMovingAverage: { create: (o) => new classic.TripleExponentialMovingAverage(o), plugin: classic.tema, invalidOptions: period },
  HullMovingAverage: { create: (o) => new classic.HullMovingAverage(o), plugin: classic.hma, invalidOptions: [{ period: 1 }, ...period] },
  KaufmanAdaptiveMovingAverage: { create: (o) => new classic.KaufmanAdaptiveMovingAverage(o), plugin: classic.kama, invalidOptions: [...period, { fastPeriod: 0 }, { slowPeriod: -1 }] },
  RelativeStrengthIndex: { create: (o) => new classic.RelativeStrengthIndex(o), plugin: classic.rsi, invalidOptions: [...period, ...source] },
  StochasticOscillator: { create: (o) => new classic.StochasticOscillator(o), plugin: classic.stochastic, invalidOptions: [...period, { smoothK: 0 }, { smoothD: 1.5 }] },
  StochasticRsi: { create: (o) => new classic.StochasticRsi(o), plugin: classic.stochRsi, invalidOptions: [{ rsiPeriod: 0 }, { stochasticPeriod: -1 }, { kPeriod: 0 }, { dPeriod: 'x' }] },
  MovingAverageConvergenceDivergence: {
    create: (o) => new classic.MovingAverageConvergenceDivergence(o),
    plugin: classic.macd,
    invalidOptions: [{ fastPeriod: 26, slowPeriod: 12 }, { fastPeriod: 26 }, { signalPeriod: 0 }, ...source],
  },
  CommodityChannelIndex: { create: (o) => new classic.CommodityChannelIndex(o), plugin: classic.cci, invalidOptions: [...period, { constant: 0 }, { constant: -0.015 }] },
  RateOfChange: { create: (o) => new classic.RateOfChange(o), plugin: classic.roc, invalidOptions: [...period, ...source] },
  Momentum: { create: (o) => new classic.Momentum(o), plugin: classic.momentum, invalidOptions: [...period, ...source] },
  WilliamsPercentRange: { create: (o) => new classic.WilliamsPercentRange(o), plugin: classic.williamsR, invalidOptions: [...period, { source: 'close' }] },
  ChandeMomentumOscillator: { create: (o) => new classic.ChandeMomentumOscillator(o), plugin: classic.cmo, invalidOptions: period },
  PercentagePriceOscillator: { create: (o) => new classic.PercentagePriceOscillator(o), plugin: classic.ppo, invalidOptions: [{ fastPeriod: 30 }, { signalPeriod: -9 }] },
  TrueStrengthIndex: { create: (o) => new classic.TrueStrengthIndex(o), plugin: classic.tsi, invalidOptions: [{ longPeriod: 0 }, { shortPeriod: -1 }, { signalPeriod: 0.5 }] },
  UltimateOscillator: { create: (o) => new classic.UltimateOscillator(o), plugin: classic.ultimateOscillator, invalidOptions: [{ shortPeriod: 0 }, { longPeriod: -28 }] },
  AwesomeOscillator: { create: (o) => new classic.AwesomeOscillator(o), plugin: classic.awesomeOscillator, invalidOptions: [{ fastPeriod: 34, slowPeriod: 5 }, { slowPeriod: 0 }] },
  DetrendedPriceOscillator: { create: (o) => new classic.DetrendedPriceOscillator(o), plugin: classic.dpo, invalidOptions: period },
  TripleExponentialAverage: { create: (o) => new classic.TripleExponentialAverage(o), plugin: classic.trix, invalidOptions: period },
  ElderRay: { create: (o) => new classic.ElderRay(o), plugin: classic.elderRay, invalidOptions: [...period, ...source] },
  AverageDirectionalIndex: { create: (o) => new classic.AverageDirectionalIndex(o), plugin: classic.adx, invalidOptions: period },
  Aroon: { create: (o) => new classic.Aroon(o), plugin: classic.aroon, invalidOptions: period },
  SuperTrend: { create: (o) => new classic.SuperTrend(o), plugin: classic.supertrend, invalidOptions: [...period, { multiplier: 0 }] },
  ParabolicSar: { create: (o) => new classic.ParabolicSar(o), plugin: classic.psar, invalidOptions: [{ step: 0 }, { step: 0.3, max: 0.2 }, { max: 2 }] },
  IchimokuCloud: { create: (o) => new classic.IchimokuCloud(o), plugin: classic.ichimoku, invalidOptions: [{ tenkanPeriod: 0 }, { displacement: -26 }] },
  VortexIndicator: { create: (o) => new classic.VortexIndicator(o), plugin: classic.vortex, invalidOptions: period },
  TrueRange: { create: (o) => new classic.TrueRange(o as Record<string, never>), plugin: classic.trueRange, invalidOptions: [{ period: 14 }] },
  AverageTrueRange: { create: (o) => new classic.AverageTrueRange(o), plugin: classic.atr, invalidOptions: period },
  NormalizedAverageTrueRange: { create: (o) => new classic.NormalizedAverageTrueRange(o), plugin: classic.natr, invalidOptions: period },
  BollingerBands: { create: (o) => new classic.BollingerBands(o), plugin: classic.bollinger, invalidOptions: [...period, { multiplier: 0 }, ...source] },
  KeltnerChannels: { create: (o) => new classic.KeltnerChannels(o), plugin: classic.keltner, invalidOptions: [...period, { atrPeriod: 0 }, { multiplier: -1 }] },
  DonchianChannels: { create: (o) => new classic.DonchianChannels(o), plugin: classic.donchian, invalidOptions: period },
  MassIndex: { create: (o) => new classic.MassIndex(o), plugin: classic.massIndex, invalidOptions: [{ emaPeriod: 0 }, { sumPeriod: -25 }] },
  StandardDeviation: { create: (o) => new classic.StandardDeviation(o), plugin: classic.standardDeviation, invalidOptions: [...period, { estimator: 'biased' }, { estimator: 'sample', period: 1 }] },
  Variance: { create: (o) => new classic.Variance(o), plugin: classic.variance, invalidOptions: [...period, { estimator: 'sample', period: 1 }] },
  ZScore: { create: (o) => new classic.ZScore(o), plugin: classic.zScore, invalidOptions: [...period, ...source] },
  LinearRegression: { create: (o) => new classic.LinearRegression(o), plugin: classic.linearRegression, invalidOptions: [{ period: 1 }, ...period] },
  PearsonCorrelation: { create: (o) => new classic.PearsonCorrelation(o), plugin: classic.correlation, invalidOptions: [{ period: 1 }, { against: 'spread' }, ...source] },
  OnBalanceVolume: { create: (o) => new classic.OnBalanceVolume(o as Record<string, never>), plugin: classic.obv, invalidOptions: [{ period: 3 }] },
  VolumeWeightedAveragePrice: {
    create: (o) => new classic.VolumeWeightedAveragePrice(o),
    plugin: classic.vwap,
    invalidOptions: [{ reset: 'daily' }, { sessionStart: '25:00' }, { sessionStart: '9:30' }, { utcOffsetMinutes: 900 }, { utcOffsetMinutes: 1.5 }],
  },
  MoneyFlowIndex: { create: (o) => new classic.MoneyFlowIndex(o), plugin: classic.mfi, invalidOptions: period },
  ChaikinMoneyFlow: { create: (o) => new classic.ChaikinMoneyFlow(o), plugin: classic.cmf, invalidOptions: period },
  AccumulationDistribution: { create: (o) => new classic.AccumulationDistribution(o as Record<string, never>), plugin: classic.ad, invalidOptions: [{ source: 'close' }] },
  ChaikinOscillator: { create: (o) => new classic.ChaikinOscillator(o), plugin: classic.chaikinOscillator, invalidOptions: [{ fastPeriod: 10, slowPeriod: 3 }, { slowPeriod: 0 }] },
  ForceIndex: { create: (o) => new classic.ForceIndex(o), plugin: classic.forceIndex, invalidOptions: period },
  EaseOfMovement: { create: (o) => new classic.EaseOfMovement(o), plugin: classic.emv, invalidOptions: [...period, { divisor: 0 }] },
  MedianPrice: { create: (o) => new classic.MedianPrice(o as Record<string, never>), plugin: classic.medianPrice, invalidOptions: [{ period: 2 }] },
  TypicalPrice: { create: (o) => new classic.TypicalPrice(o as Record<string, never>), plugin: classic.typicalPrice, invalidOptions: [{ period: 2 }] },
};
