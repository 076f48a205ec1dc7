/**
 * @grandmodel/framework/testing — helpers and contract suites for plugin authors (uses vitest).
 * @module
 */
export { ArrayDataSource, arrayDataSourcePlugin, makeBar } from './array-data-source.js';
