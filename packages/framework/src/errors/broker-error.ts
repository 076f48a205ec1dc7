import type { SdkErrorCode } from './codes.js';
import { SdkError } from './sdk-error.js';

/** A broker failure, classified so callers know whether a retry can help. */
export class BrokerError extends SdkError {
  override readonly name: string = 'BrokerError';
  readonly venue: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** The venue's own error code and message, unchanged. */
  readonly venueCode?: string;
  readonly venueMessage?: string;

  constructor(
    code: SdkErrorCode,
    message: string,
    options: { venue: string; retryable: boolean; retryAfterMs?: number; venueCode?: string; venueMessage?: string; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.venue = options.venue;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.venueCode = options.venueCode;
    this.venueMessage = options.venueMessage;
  }
}
