/**
 * @grandmodel/plugins-brokers/paper — paper trading on the simulated venue driven by a live feed. Loads no venue SDK.
 * @module
 */
export { PaperBroker } from './paper-broker.js';
export type { PaperBrokerDependencies } from './paper-broker.js';
export { NetPositionBook } from './net-position-book.js';
export { paperBrokerPlugin } from './paper-plugin.js';
