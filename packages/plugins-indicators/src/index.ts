/**
 * @grandmodel/plugins-indicators — the GrandModel indicators (MLMI, NW-RQK, FVG, LVN, MMD, Heiken-Ashi, ATR,
 * auxiliary 30-minute features, strategic matrix rows) and a streaming classic indicator library.
 * @module
 */
export * from './grandmodel/index.js';
export * from './classic/index.js';
