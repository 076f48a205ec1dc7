import * as ccxt from 'ccxt';
import { BrokerError, SdkError, type SdkErrorCode } from '@grandmodel/framework';

/** The exchange's own code and message, parsed from a ccxt error text (`binance {"code":-2010,"msg":"..."}`). */
export function venueDetails(message: string): { venueCode?: string; venueMessage?: string } {
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start, message.lastIndexOf('}') + 1)) as Record<string, unknown>;
      const code = body['code'] ?? body['error_code'] ?? body['retCode'];
      const text = body['msg'] ?? body['message'] ?? body['error'] ?? body['retMsg'];
      return {
        ...(code === undefined ? {} : { venueCode: String(code) }),
        ...(text === undefined ? {} : { venueMessage: typeof text === 'string' ? text : JSON.stringify(text) }),
      };
    } catch {
      // Not JSON after all: fall through to the status code
    }
  }
  const status = /\b([45]\d\d)\b/.exec(message);
  const text = message.replace(/^\S+\s/, '');
  return { ...(status === null ? {} : { venueCode: status[1] }), venueMessage: text };
}

function retryAfter(headers: unknown): number | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== 'retry-after') continue;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, seconds * 1000);
    const date = Date.parse(String(value));
    // An HTTP date is only an upper bound: without a trusted clock, wait the documented default
    if (Number.isFinite(date)) return 1_000;
  }
  return undefined;
}

/** Default wait after a rate limit that came without a Retry-After header. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * Classifies a ccxt error (with the exchange's last response, for its code and Retry-After header): auth, bad symbol, insufficient funds, unknown order and rejections are permanent;
 * rate limits, timeouts and network or availability failures are retryable. Keeps the exchange's code and message.
 */
export function classifyCcxtError(venue: string, error: unknown, lastResponse: { readonly headers?: unknown; readonly body?: unknown } = {}): BrokerError {
  if (error instanceof BrokerError) return error;
  if (SdkError.is(error)) return new BrokerError(error.code, error.message, { venue, retryable: false, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  let details = venueDetails(message);
  // ccxt words some errors itself (e.g. insufficient funds): the exchange's code is then in the last response body
  if (details.venueCode === undefined && typeof lastResponse.body === 'string' && lastResponse.body.trim().startsWith('{')) {
    const fromBody = venueDetails(lastResponse.body);
    if (fromBody.venueCode !== undefined) details = fromBody;
  }
  const lastResponseHeaders = lastResponse.headers;
  const make = (code: SdkErrorCode, retryable: boolean, retryAfterMs?: number): BrokerError =>
    new BrokerError(code, `${venue}: ${message}`, { venue, retryable, cause: error, ...details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended || error instanceof ccxt.AccountNotEnabled) {
    return make('GM_BROKER_AUTH_FAILED', false);
  }
  if (error instanceof ccxt.BadSymbol) return make('GM_BROKER_BAD_SYMBOL', false);
  if (error instanceof ccxt.InsufficientFunds) return make('GM_BROKER_INSUFFICIENT_FUNDS', false);
  if (error instanceof ccxt.OrderNotFound) return make('GM_ORDER_NOT_FOUND', false);
  if (error instanceof ccxt.NotSupported) return make('GM_BROKER_NOT_SUPPORTED', false);
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
    return make('GM_BROKER_RATE_LIMITED', true, retryAfter(lastResponseHeaders) ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  }
  if (error instanceof ccxt.RequestTimeout) return make('GM_BROKER_TIMEOUT', true);
  if (error instanceof ccxt.OperationFailed) return make('GM_BROKER_UNAVAILABLE', true);
  return make('GM_BROKER_ORDER_REJECTED', false);
}
