import type { SdkErrorCode } from './codes.js';

const BRAND = Symbol.for('@grandmodel/error');

/** Base class of every error the SDK throws; `code` is stable, `message` is for people. */
export class SdkError extends Error {
  override readonly name: string = 'SdkError';
  readonly code: SdkErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: SdkErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) this.details = Object.freeze({ ...options.details });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Returns true for any SDK error, even one thrown by another copy of the package. */
  static is(error: unknown): error is SdkError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Link to the error's entry in the reference docs. */
  get docsUrl(): string {
    return `docs/reference/errors.md#${this.code.toLowerCase()}`;
  }
}

/** Wraps anything thrown (strings included) into an Error, keeping Errors as they are. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
