/**
 * @grandmodel/plugins-risk — risk math (VaR, expected shortfall, Kelly, EWMA covariance) and risk-model plugins.
 * @module
 */
export * from './math/index.js';
export * from './models/index.js';
