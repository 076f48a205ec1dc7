import type { SdkErrorCode } from './codes.js';
import { SdkError } from './sdk-error.js';

/** An error attributed to a plugin: which one, which instance and which hook. */
export class PluginError extends SdkError {
  override readonly name = 'PluginError';
  readonly pluginId?: string;
  readonly instanceId?: string;
  readonly hook?: string;
  /** The plugin's own error code, kept when a plugin error is wrapped. */
  readonly pluginCode?: string;

  constructor(
    code: SdkErrorCode,
    message: string,
    options: { pluginId?: string; instanceId?: string; hook?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, { cause: options.cause, details: options.details });
    this.pluginId = options.pluginId;
    this.instanceId = options.instanceId;
    this.hook = options.hook;
    const causeCode = (options.cause as { code?: unknown } | undefined)?.code;
    if (typeof causeCode === 'string') this.pluginCode = causeCode;
  }
}
