import { definePlugin } from '@grandmodel/framework';
import { AuxiliaryRegimeFeatures, auxiliaryOptionsSchema } from './auxiliary-regime-features.js';
import { FairValueGap, fvgOptionsSchema } from './fair-value-gap.js';
import { GrandModelAverageTrueRange, atrGmOptionsSchema } from './grandmodel-average-true-range.js';
import { GRANDMODEL_30M_PRESET, GrandModelFeatureSet, grandModelFeatureSetOptionsSchema } from './grandmodel-feature-set.js';
import { HeikenAshi, heikenAshiOptionsSchema } from './heiken-ashi.js';
import { LowVolumeNode, lvnOptionsSchema } from './low-volume-node.js';
import { MachineLearningMarketIndicator, mlmiOptionsSchema } from './machine-learning-market-indicator.js';
import { MaximumMeanDiscrepancy, mmdOptionsSchema } from './maximum-mean-discrepancy.js';
import { NadarayaWatsonRationalQuadratic, nwRqkOptionsSchema } from './nadaraya-watson-rational-quadratic.js';
import { StrategicMatrixRow, strategicMatrixRowOptionsSchema } from './strategic-matrix-row.js';

const VERSION = '0.1.0';

/**
 * Heiken-Ashi candles (`ha_open`, `ha_high`, `ha_low`, `ha_close`).
 * @example indicators: [{ use: heiken-ashi, options: { timeframe: 30m } }]
 */
export const heikenAshiPlugin = definePlugin({
  manifest: { id: 'heiken-ashi', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'Heiken-Ashi candles' },
  options: heikenAshiOptionsSchema,
  create: (ctx) => new HeikenAshi(ctx.options),
});

/**
 * MLMI, the kNN market indicator (`mlmi_value` in [−k, k], `mlmi_signal`).
 * @example indicators: [{ use: mlmi, options: { timeframe: 30m, source: ha_close } }]
 */
export const mlmiPlugin = definePlugin({
  manifest: { id: 'mlmi', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'MLMI: kNN vote over WMA-crossover RSI features' },
  options: mlmiOptionsSchema,
  create: (ctx) => new MachineLearningMarketIndicator(ctx.options),
});

/**
 * NW-RQK, Nadaraya–Watson regression with a rational-quadratic kernel (`nwrqk_yhat1`, `nwrqk_signal`, ...).
 * @example indicators: [{ use: nw-rqk, options: { timeframe: 30m } }]
 */
export const nwRqkPlugin = definePlugin({
  manifest: { id: 'nw-rqk', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'NW-RQK kernel regression and turn signal' },
  options: nwRqkOptionsSchema,
  create: (ctx) => new NadarayaWatsonRationalQuadratic(ctx.options),
});

/**
 * FVG, fair value gaps with active zones and mitigation features.
 * @example indicators: [{ use: fvg, options: { timeframe: 5m } }]
 */
export const fvgPlugin = definePlugin({
  manifest: { id: 'fvg', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'Fair value gaps: detection, active zones, mitigation' },
  options: fvgOptionsSchema,
  create: (ctx) => new FairValueGap(ctx.options),
});

/**
 * LVN, the low-volume node nearest the close and its 0–1 strength.
 * @example indicators: [{ use: lvn, options: { timeframe: 30m, tickSize: 0.25 } }]
 */
export const lvnPlugin = definePlugin({
  manifest: { id: 'lvn', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'Low-volume node of a grid volume profile' },
  options: lvnOptionsSchema,
  create: (ctx) => new LowVolumeNode(ctx.options),
});

/**
 * MMD variant A: the 13-element regime vector ending in `mmd_score`.
 * @example indicators: [{ use: mmd, options: { timeframe: 30m } }]
 */
export const mmdPlugin = definePlugin({
  manifest: { id: 'mmd', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'MMD regime score against a frozen data reference' },
  options: mmdOptionsSchema,
  create: (ctx) => new MaximumMeanDiscrepancy(ctx.options),
});

/**
 * The GrandModel ATR (`atr_tr`, `atr14`, `atr14_ewma`); distinct from the classic `atr`.
 * @example indicators: [{ use: atr-gm, options: { timeframe: 5m } }]
 */
export const atrGmPlugin = definePlugin({
  manifest: { id: 'atr-gm', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'GrandModel ATR with partial average and EWMA' },
  options: atrGmOptionsSchema,
  create: (ctx) => new GrandModelAverageTrueRange(ctx.options),
});

/**
 * Auxiliary 30-minute features: momentum, volatility, volume skew, acceleration.
 * @example indicators: [{ use: aux-30m, options: { timeframe: 30m } }]
 */
export const auxiliaryPlugin = definePlugin({
  manifest: { id: 'aux-30m', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'Assembler 30-minute regime features' },
  options: auxiliaryOptionsSchema,
  create: (ctx) => new AuxiliaryRegimeFeatures(ctx.options),
});

/**
 * One row of the 48×13 strategic matrix per bar (owns its upstream indicators).
 * @example indicators: [{ use: strategic-matrix-row, options: { timeframe: 30m, tickSize: 0.25 } }]
 */
export const strategicMatrixRowPlugin = definePlugin({
  manifest: { id: 'strategic-matrix-row', kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'Strategic 48×13 matrix row features' },
  options: strategicMatrixRowOptionsSchema,
  create: (ctx) => new StrategicMatrixRow(ctx.options),
});

/**
 * Every GrandModel 30-minute column in golden order (the `grandmodel-30m` feature-export preset).
 * @example indicators: [{ use: grandmodel-30m, options: { timeframe: 30m, tickSize: 0.01 } }]
 */
export const grandModelFeatureSetPlugin = definePlugin({
  manifest: { id: GRANDMODEL_30M_PRESET, kind: 'indicator', version: VERSION, apiVersion: 1, capabilities: { namedColumns: true }, description: 'All GrandModel 30-minute features' },
  options: grandModelFeatureSetOptionsSchema,
  create: (ctx) => new GrandModelFeatureSet(ctx.options),
});

/** Every GrandModel indicator plugin. */
export const grandmodelIndicators = Object.freeze([
  heikenAshiPlugin,
  mlmiPlugin,
  nwRqkPlugin,
  fvgPlugin,
  lvnPlugin,
  mmdPlugin,
  atrGmPlugin,
  auxiliaryPlugin,
  strategicMatrixRowPlugin,
  grandModelFeatureSetPlugin,
] as const);
