/**
 * @grandmodel/plugins-brokers/alpaca — Alpaca broker and data source (stocks and crypto). Loads the Alpaca SDK only.
 * @module
 */
export { alpacaBrokerPlugin, alpacaDataPlugin } from './alpaca-plugins.js';
export { alpacaBrokerOptions, alpacaDataOptions } from './alpaca-options.js';
export type { AlpacaBrokerOptions, AlpacaDataOptions } from './alpaca-options.js';
export { createAlpacaBroker } from './alpaca-broker.js';
export type { AlpacaBrokerDependencies } from './alpaca-broker.js';
export { AlpacaGateway } from './alpaca-gateway.js';
export { AlpacaDataSource, alpacaTimeframe } from './alpaca-data-source.js';
export type { AlpacaDataDependencies } from './alpaca-data-source.js';
export { createAlpacaClient } from './alpaca-client.js';
export type { AlpacaEndpoints } from './alpaca-client.js';
export { classifyAlpacaError, ALPACA_RATE_LIMIT_WAIT_MS } from './alpaca-errors.js';
export { snapshotFromAlpaca, positionFromAlpaca, frameworkSymbol } from './alpaca-order-mapping.js';
