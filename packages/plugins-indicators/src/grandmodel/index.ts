export { StreamingIndicator } from './streaming-indicator.js';
export type { BindingOptions } from './streaming-indicator.js';
export { HeikenAshi, HeikenAshiCandle, heikenAshiOptionsSchema, HEIKEN_ASHI_OUTPUTS } from './heiken-ashi.js';
export type { HeikenAshiOptions } from './heiken-ashi.js';
export { MachineLearningMarketIndicator, mlmiOptionsSchema } from './machine-learning-market-indicator.js';
export type { MlmiOptions } from './machine-learning-market-indicator.js';
export { KnnLabelStore } from './knn-label-store.js';
export { WeightedMovingAverageWindow } from './weighted-moving-average-window.js';
export { WilderRsi } from './wilder-rsi.js';
export { NadarayaWatsonRationalQuadratic, nwRqkOptionsSchema, rationalQuadraticWeights } from './nadaraya-watson-rational-quadratic.js';
export type { NwRqkOptions } from './nadaraya-watson-rational-quadratic.js';
export { FairValueGap, fvgOptionsSchema, FAIR_VALUE_GAP_OUTPUTS } from './fair-value-gap.js';
export type { FvgOptions } from './fair-value-gap.js';
export { LowVolumeNode, lvnOptionsSchema, LOW_VOLUME_NODE_OUTPUTS } from './low-volume-node.js';
export type { LvnOptions } from './low-volume-node.js';
export { MaximumMeanDiscrepancy, mmdOptionsSchema, MAXIMUM_MEAN_DISCREPANCY_OUTPUTS } from './maximum-mean-discrepancy.js';
export type { MmdOptions } from './maximum-mean-discrepancy.js';
export { MmdReference } from './mmd-reference.js';
export { GrandModelAverageTrueRange, atrGmOptionsSchema, GRANDMODEL_ATR_OUTPUTS } from './grandmodel-average-true-range.js';
export type { AtrGmOptions } from './grandmodel-average-true-range.js';
export { AuxiliaryRegimeFeatures, auxiliaryOptionsSchema, AUXILIARY_OUTPUTS } from './auxiliary-regime-features.js';
export type { AuxiliaryOptions } from './auxiliary-regime-features.js';
export { RollingNormalizer } from './rolling-normalizer.js';
export {
  StrategicMatrixRow,
  strategicMatrixRowOptionsSchema,
  STRATEGIC_MATRIX_COLUMNS,
  STRATEGIC_AGENT_COLUMNS,
} from './strategic-matrix-row.js';
export type { StrategicMatrixRowOptions, StrategicMatrixSources } from './strategic-matrix-row.js';
export { GRANDMODEL_COLUMNS, grandModelColumns } from './grandmodel-columns.js';
export type { GrandModelColumn } from './grandmodel-columns.js';
export { formatGoldenValue, formatPythonFloat, formatNaiveTimestamp } from './golden-csv-format.js';
export {
  GrandModelFeatureSet,
  createGrandModelPreset,
  grandModelFeatureSetOptionsSchema,
  GRANDMODEL_30M_PRESET,
} from './grandmodel-feature-set.js';
export type { GrandModelFeatureSetOptions, NamedIndicator } from './grandmodel-feature-set.js';
export {
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
  grandmodelIndicators,
} from './grandmodel-plugins.js';
