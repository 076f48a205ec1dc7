// Runs the framework's indicator contract suite over every GrandModel indicator and its plugin
import { describeIndicatorContract, contractBars } from '@grandmodel/framework/testing';
import { AuxiliaryRegimeFeatures } from './auxiliary-regime-features.js';
import { FairValueGap } from './fair-value-gap.js';
import { GrandModelAverageTrueRange } from './grandmodel-average-true-range.js';
import { GrandModelFeatureSet } from './grandmodel-feature-set.js';
import {
  atrGmPlugin,
  auxiliaryPlugin,
  fvgPlugin,
  grandModelFeatureSetPlugin,
  heikenAshiPlugin,
  lvnPlugin,
  mlmiPlugin,
  mmdPlugin,
  nwRqkPlugin,
  strategicMatrixRowPlugin,
} from './grandmodel-plugins.js';
import { HeikenAshi } from './heiken-ashi.js';
import { LowVolumeNode } from './low-volume-node.js';
import { MachineLearningMarketIndicator } from './machine-learning-market-indicator.js';
import { MaximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { NadarayaWatsonRationalQuadratic } from './nadaraya-watson-rational-quadratic.js';
import { StrategicMatrixRow } from './strategic-matrix-row.js';

// MMD needs 600 bars before its first score; the contract's random walk trades near 100, so LVN gets a fine grid
const bars = contractBars(700);

describeIndicatorContract('heiken-ashi', { create: () => new HeikenAshi(), plugin: heikenAshiPlugin, bars });
describeIndicatorContract('mlmi', {
  create: () => new MachineLearningMarketIndicator(),
  plugin: mlmiPlugin,
  bars,
  invalidOptions: [{ numNeighbors: 0 }, { source: 'open' }, { signalVariant: 'both' }, { outputSuffix: 'Bad' }],
});
describeIndicatorContract('nw-rqk', {
  create: () => new NadarayaWatsonRationalQuadratic(),
  plugin: nwRqkPlugin,
  bars,
  invalidOptions: [{ bandwidth: -1 }, { lag: 8 }, { maxLag: 100 }],
});
describeIndicatorContract('fvg', { create: () => new FairValueGap(), plugin: fvgPlugin, bars, invalidOptions: [{ maxAge: 0 }, { minGapPct: -1 }] });
describeIndicatorContract('lvn', {
  create: () => new LowVolumeNode(),
  plugin: lvnPlugin,
  bars,
  invalidOptions: [{ tickSize: 0 }, { strengthThreshold: 1 }, { minBars: 200 }, { rejectionBars: 300 }],
});
describeIndicatorContract('mmd', { create: () => new MaximumMeanDiscrepancy(), plugin: mmdPlugin, bars, invalidOptions: [{ minBars: 100 }, { windowSize: 1 }] });
describeIndicatorContract('atr-gm', { create: () => new GrandModelAverageTrueRange(), plugin: atrGmPlugin, bars, invalidOptions: [{ period: 1, minPeriods: 2 }, { ewmaAlpha: 0 }] });
describeIndicatorContract('aux-30m', { create: () => new AuxiliaryRegimeFeatures(), plugin: auxiliaryPlugin, bars, invalidOptions: [{ skewWindow: 2 }] });
describeIndicatorContract('strategic-matrix-row', {
  create: () => new StrategicMatrixRow(),
  plugin: strategicMatrixRowPlugin,
  bars,
  invalidOptions: [{ layout: 'wide' }, { utcOffsetMinutes: 2000 }],
});
describeIndicatorContract('grandmodel-30m', { create: () => new GrandModelFeatureSet(), plugin: grandModelFeatureSetPlugin, bars, invalidOptions: [{ profile: 'live' }] });
