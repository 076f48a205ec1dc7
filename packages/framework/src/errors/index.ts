export { ERROR_CODES } from './codes.js';
export type { SdkErrorCode } from './codes.js';
export { SdkError, toError } from './sdk-error.js';
export { ConfigError } from './config-error.js';
export type { ConfigIssue } from './config-error.js';
export { PluginError } from './plugin-error.js';
export { BrokerError } from './broker-error.js';
