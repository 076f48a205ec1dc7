/**
 * The one registry of error codes. Callers branch on `code`; every code has an entry in
 * `docs/reference/errors.md` (a test fails when the two diverge).
 */
export const ERROR_CODES = {
  GM_CONFIG_INVALID: 'A configuration file or object failed validation',
  GM_CONFIG_NOT_FOUND: 'A configuration file does not exist or cannot be read',
  GM_CONFIG_ENV_MISSING: 'A `${VAR}` reference names an environment variable that is not set',
  GM_PLUGIN_NOT_FOUND: 'A `use:` value names no installed plugin, or a plugin module cannot be loaded',
  GM_PLUGIN_INVALID: 'A module loaded as a plugin does not export a valid plugin definition',
  GM_PLUGIN_DUPLICATE_ID: 'Two plugins or two component instances share an id',
  GM_PLUGIN_DEPENDENCY_MISSING: 'A plugin depends on a plugin that is not configured',
  GM_PLUGIN_DEPENDENCY_CYCLE: 'Plugin dependencies form a cycle',
  GM_PLUGIN_API_VERSION_MISMATCH: 'A plugin was built for another plugin API version',
  GM_PLUGIN_KIND_MISMATCH: 'A plugin is used in a config section for another kind',
  GM_PLUGIN_CREATE_FAILED: 'A plugin factory threw while creating its component',
  GM_PLUGIN_LIFECYCLE_FAILED: 'A component threw in start, stop or dispose',
  GM_PLUGIN_LISTENER_FAILED: 'An event listener threw; delivery to other listeners went on',
  GM_PLUGIN_EVENT_NAMESPACE: 'A plugin emitted a custom event outside its own namespace',
  GM_KERNEL_ALREADY_STARTED: 'The kernel was changed after it started',
  GM_KERNEL_NOT_STARTED: 'The kernel was used before it started',
  GM_KERNEL_STATE: 'A lifecycle method was called in the wrong state',
  GM_DI_TOKEN_NOT_REGISTERED: 'A component resolved a token that nothing registered',
  GM_DATA_BAD_ROW: 'A data file row is unparseable or fails a sanity check',
  GM_DATA_FILE: 'A data file cannot be opened or has no usable header',
  GM_DATA_TIMESTAMP: 'A timestamp cannot be parsed in the configured format',
  GM_ORDER_INVALID: 'An order intent is malformed (quantity, prices, type)',
  GM_ORDER_NOT_FOUND: 'An order id is unknown to the execution layer',
  GM_BROKER_ORDER_REJECTED: 'The venue rejected an order',
  GM_BROKER_INSUFFICIENT_FUNDS: 'The venue rejected an order for lack of funds or margin',
  GM_BROKER_BAD_SYMBOL: 'The venue does not know the symbol',
  GM_BROKER_AUTH_FAILED: 'The venue refused the credentials',
  GM_BROKER_NOT_SUPPORTED: 'The broker does not support the requested feature',
  GM_BROKER_UNAVAILABLE: 'The venue is unreachable or under maintenance',
  GM_BROKER_TIMEOUT: 'A request to the venue timed out',
  GM_BROKER_RATE_LIMITED: 'The venue rate-limited a request',
  GM_RUN_INVALID: 'A run folder is missing files or is not a run folder',
  GM_CLI_USAGE: 'A command-line call has wrong or missing arguments',
  GM_INPUT_INVALID: 'A function received an argument outside its domain (NaN, empty, wrong size)',
  GM_MODEL_INVALID: 'A model file cannot be loaded or does not match its input/output contract',
} as const;

/** A stable machine-readable error code. */
export type SdkErrorCode = keyof typeof ERROR_CODES;
