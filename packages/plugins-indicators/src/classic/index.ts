/**
 * Classic streaming indicators: each a class implementing `Indicator` (O(1) or O(log n) per bar, no allocation
 * per update) and a plugin of kind `indicator`; `classicIndicators` lists every plugin (a preset).
 * @module
 */
import type { AnyPluginDefinition } from '@grandmodel/framework';
import { dema } from './average/double-exponential-moving-average.js';
import { ema } from './average/exponential-moving-average.js';
import { hma } from './average/hull-moving-average.js';
import { kama } from './average/kaufman-adaptive-moving-average.js';
import { sma } from './average/simple-moving-average.js';
import { tema } from './average/triple-exponential-moving-average.js';
import { wma } from './average/weighted-moving-average.js';
import { awesomeOscillator } from './momentum/awesome-oscillator.js';
import { cmo } from './momentum/chande-momentum-oscillator.js';
import { cci } from './momentum/commodity-channel-index.js';
import { dpo } from './momentum/detrended-price-oscillator.js';
import { elderRay } from './momentum/elder-ray.js';
import { momentum } from './momentum/momentum.js';
import { macd } from './momentum/moving-average-convergence-divergence.js';
import { ppo } from './momentum/percentage-price-oscillator.js';
import { roc } from './momentum/rate-of-change.js';
import { rsi } from './momentum/relative-strength-index.js';
import { stochastic } from './momentum/stochastic-oscillator.js';
import { stochRsi } from './momentum/stochastic-rsi.js';
import { trix } from './momentum/triple-exponential-average.js';
import { tsi } from './momentum/true-strength-index.js';
import { ultimateOscillator } from './momentum/ultimate-oscillator.js';
import { williamsR } from './momentum/williams-percent-range.js';
import { aroon } from './trend/aroon.js';
import { adx } from './trend/average-directional-index.js';
import { ichimoku } from './trend/ichimoku-cloud.js';
import { psar } from './trend/parabolic-sar.js';
import { supertrend } from './trend/super-trend.js';
import { vortex } from './trend/vortex-indicator.js';
import { atr } from './volatility/average-true-range.js';
import { bollinger } from './volatility/bollinger-bands.js';
import { donchian } from './volatility/donchian-channels.js';
import { keltner } from './volatility/keltner-channels.js';
import { massIndex } from './volatility/mass-index.js';
import { natr } from './volatility/normalized-average-true-range.js';
import { trueRange } from './volatility/true-range.js';
import { ad } from './volume/accumulation-distribution.js';
import { cmf } from './volume/chaikin-money-flow.js';
import { chaikinOscillator } from './volume/chaikin-oscillator.js';
import { emv } from './volume/ease-of-movement.js';
import { forceIndex } from './volume/force-index.js';
import { mfi } from './volume/money-flow-index.js';
import { obv } from './volume/on-balance-volume.js';
import { vwap } from './volume/volume-weighted-average-price.js';
import { linearRegression } from './statistics/linear-regression.js';
import { correlation } from './statistics/pearson-correlation.js';
import { standardDeviation } from './statistics/standard-deviation.js';
import { variance } from './statistics/variance.js';
import { zScore } from './statistics/z-score.js';
import { medianPrice } from './price/median-price.js';
import { typicalPrice } from './price/typical-price.js';

export { BaseIndicator } from './core/base-indicator.js';
export { defineIndicatorPlugin, CLASSIC_INDICATORS_VERSION } from './core/define-indicator-plugin.js';
export type { IndicatorPluginOptions, IndicatorPluginSpec } from './core/define-indicator-plugin.js';
export { bindingOptionsShape, parseIndicatorOptions, periodSchema } from './core/indicator-options.js';
export { PRICE_SOURCES, priceSourceSchema, priceSourceCode, readPrice } from './core/price-source.js';
export type { PriceSource } from './core/price-source.js';
export { runBatch, toBatchInput } from './core/run-batch.js';
export type { BatchInput } from './core/run-batch.js';

export { DoubleExponentialMovingAverage, doubleExponentialMovingAverageOptions, dema } from './average/double-exponential-moving-average.js';
export { ExponentialMovingAverage, exponentialMovingAverageOptions, ema } from './average/exponential-moving-average.js';
export { HullMovingAverage, hullMovingAverageOptions, hma } from './average/hull-moving-average.js';
export { KaufmanAdaptiveMovingAverage, kaufmanAdaptiveMovingAverageOptions, kama } from './average/kaufman-adaptive-moving-average.js';
export { SimpleMovingAverage, simpleMovingAverageOptions, sma } from './average/simple-moving-average.js';
export { TripleExponentialMovingAverage, tripleExponentialMovingAverageOptions, tema } from './average/triple-exponential-moving-average.js';
export { WeightedMovingAverage, weightedMovingAverageOptions, wma } from './average/weighted-moving-average.js';
export { AwesomeOscillator, awesomeOscillatorOptions, awesomeOscillator } from './momentum/awesome-oscillator.js';
export { ChandeMomentumOscillator, chandeMomentumOscillatorOptions, cmo } from './momentum/chande-momentum-oscillator.js';
export { CommodityChannelIndex, commodityChannelIndexOptions, cci } from './momentum/commodity-channel-index.js';
export { DetrendedPriceOscillator, detrendedPriceOscillatorOptions, dpo } from './momentum/detrended-price-oscillator.js';
export { ElderRay, elderRayOptions, elderRay } from './momentum/elder-ray.js';
export { Momentum, momentumOptions, momentum } from './momentum/momentum.js';
export { MovingAverageConvergenceDivergence, movingAverageConvergenceDivergenceOptions, macd } from './momentum/moving-average-convergence-divergence.js';
export { PercentagePriceOscillator, percentagePriceOscillatorOptions, ppo } from './momentum/percentage-price-oscillator.js';
export { RateOfChange, rateOfChangeOptions, roc } from './momentum/rate-of-change.js';
export { RelativeStrengthIndex, relativeStrengthIndexOptions, rsi } from './momentum/relative-strength-index.js';
export { StochasticOscillator, stochasticOscillatorOptions, stochastic } from './momentum/stochastic-oscillator.js';
export { StochasticRsi, stochasticRsiOptions, stochRsi } from './momentum/stochastic-rsi.js';
export { TripleExponentialAverage, tripleExponentialAverageOptions, trix } from './momentum/triple-exponential-average.js';
export { TrueStrengthIndex, trueStrengthIndexOptions, tsi } from './momentum/true-strength-index.js';
export { UltimateOscillator, ultimateOscillatorOptions, ultimateOscillator } from './momentum/ultimate-oscillator.js';
export { WilliamsPercentRange, williamsPercentRangeOptions, williamsR } from './momentum/williams-percent-range.js';
export { Aroon, aroonOptions, aroon } from './trend/aroon.js';
export { AverageDirectionalIndex, averageDirectionalIndexOptions, adx } from './trend/average-directional-index.js';
export { IchimokuCloud, ichimokuCloudOptions, ichimoku } from './trend/ichimoku-cloud.js';
export { ParabolicSar, parabolicSarOptions, psar } from './trend/parabolic-sar.js';
export { SuperTrend, superTrendOptions, supertrend } from './trend/super-trend.js';
export { VortexIndicator, vortexIndicatorOptions, vortex } from './trend/vortex-indicator.js';
export { AverageTrueRange, averageTrueRangeOptions, atr } from './volatility/average-true-range.js';
export { BollingerBands, bollingerBandsOptions, bollinger } from './volatility/bollinger-bands.js';
export { DonchianChannels, donchianChannelsOptions, donchian } from './volatility/donchian-channels.js';
export { KeltnerChannels, keltnerChannelsOptions, keltner } from './volatility/keltner-channels.js';
export { MassIndex, massIndexOptions, massIndex } from './volatility/mass-index.js';
export { NormalizedAverageTrueRange, normalizedAverageTrueRangeOptions, natr } from './volatility/normalized-average-true-range.js';
export { TrueRange, trueRangeOptions, trueRange } from './volatility/true-range.js';
export { AccumulationDistribution, accumulationDistributionOptions, ad } from './volume/accumulation-distribution.js';
export { ChaikinMoneyFlow, chaikinMoneyFlowOptions, cmf } from './volume/chaikin-money-flow.js';
export { ChaikinOscillator, chaikinOscillatorOptions, chaikinOscillator } from './volume/chaikin-oscillator.js';
export { EaseOfMovement, easeOfMovementOptions, emv } from './volume/ease-of-movement.js';
export { ForceIndex, forceIndexOptions, forceIndex } from './volume/force-index.js';
export { MoneyFlowIndex, moneyFlowIndexOptions, mfi } from './volume/money-flow-index.js';
export { OnBalanceVolume, onBalanceVolumeOptions, obv } from './volume/on-balance-volume.js';
export { VolumeWeightedAveragePrice, volumeWeightedAveragePriceOptions, vwap } from './volume/volume-weighted-average-price.js';
export { estimatorSchema, estimatorScale, sampleNeedsTwo } from './statistics/estimator.js';
export { LinearRegression, linearRegressionOptions, linearRegression } from './statistics/linear-regression.js';
export { PearsonCorrelation, pearsonCorrelationOptions, correlation } from './statistics/pearson-correlation.js';
export { StandardDeviation, standardDeviationOptions, standardDeviation } from './statistics/standard-deviation.js';
export { Variance, varianceOptions, variance } from './statistics/variance.js';
export { ZScore, zScoreOptions, zScore } from './statistics/z-score.js';
export { MedianPrice, medianPriceOptions, medianPrice } from './price/median-price.js';
export { TypicalPrice, typicalPriceOptions, typicalPrice } from './price/typical-price.js';

/** Every classic indicator plugin (a preset): pass it to the kernel or spread it into `plugins`. */
export const classicIndicators: readonly AnyPluginDefinition[] = Object.freeze([
  dema,
  ema,
  hma,
  kama,
  sma,
  tema,
  wma,
  awesomeOscillator,
  cmo,
  cci,
  dpo,
  elderRay,
  momentum,
  macd,
  ppo,
  roc,
  rsi,
  stochastic,
  stochRsi,
  trix,
  tsi,
  ultimateOscillator,
  williamsR,
  aroon,
  adx,
  ichimoku,
  psar,
  supertrend,
  vortex,
  atr,
  bollinger,
  donchian,
  keltner,
  massIndex,
  natr,
  trueRange,
  ad,
  cmf,
  chaikinOscillator,
  emv,
  forceIndex,
  mfi,
  obv,
  vwap,
  linearRegression,
  correlation,
  standardDeviation,
  variance,
  zScore,
  medianPrice,
  typicalPrice,
]);
