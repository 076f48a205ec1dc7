/**
 * @grandmodel/plugins-brokers/ccxt — broker and data source for any ccxt exchange. Loads the ccxt SDK only.
 * @module
 */
export { ccxtBrokerPlugin, ccxtDataPlugin } from './ccxt-plugins.js';
export { ccxtBrokerOptions, ccxtDataOptions } from './ccxt-options.js';
export type { CcxtBrokerOptions, CcxtDataOptions } from './ccxt-options.js';
export { createCcxtBroker } from './ccxt-broker.js';
export type { CcxtBrokerDependencies } from './ccxt-broker.js';
export { CcxtGateway } from './ccxt-gateway.js';
export { CcxtDataSource } from './ccxt-data-source.js';
export type { CcxtDataDependencies } from './ccxt-data-source.js';
export { createCcxtExchange, loadMarketsAgain } from './ccxt-exchange.js';
export type { CcxtExchange } from './ccxt-exchange.js';
export { classifyCcxtError, venueDetails, DEFAULT_RATE_LIMIT_WAIT_MS } from './ccxt-errors.js';
export { snapshotFromCcxt, positionFromCcxt, frameworkOrderType } from './ccxt-order-mapping.js';
