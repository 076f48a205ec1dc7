/**
 * @grandmodel/framework/testing — helpers and contract suites for plugin authors (uses vitest).
 * @module
 */
export { ArrayDataSource, arrayDataSourcePlugin, makeBar } from './array-data-source.js';
export { describeBrokerContract, ListenerRecorder, waitFor } from './broker-contract.js';
export type { BrokerContractOptions, BrokerContractSubject, VenueControl, InjectedFailure } from './broker-contract.js';
export { describeIndicatorContract, contractBars, indicatorContractChecks } from './indicator-contract.js';
export type { IndicatorContractOptions } from './indicator-contract.js';
export { memoryIo } from './memory-io.js';
