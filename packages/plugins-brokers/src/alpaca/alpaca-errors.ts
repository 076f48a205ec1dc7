import { ApiError, FetchError } from '@alpacahq/alpaca-trade-api';
import { BrokerError, SdkError, type SdkErrorCode } from '@grandmodel/framework';

/** Default wait after a 429 that came without Retry-After or rate-limit reset headers. */
export const ALPACA_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * Classifies an Alpaca SDK error by HTTP status and Alpaca's error code: auth (401, forbidden 403), insufficient
 * buying power (403 40310000), unknown asset, unknown order (404) and rejections (422) are permanent; 429, 408/504
 * and 5xx and transport failures are retryable. Keeps Alpaca's code and message.
 */
export function classifyAlpacaError(error: unknown): BrokerError {
  const venue = 'alpaca';
  if (error instanceof BrokerError) return error;
  if (SdkError.is(error)) return new BrokerError(error.code, error.message, { venue, retryable: false, cause: error });
  if (error instanceof ApiError) {
    const venueCode = String(error.code ?? error.status);
    const venueMessage = error.message;
    const make = (code: SdkErrorCode, retryable: boolean, retryAfterMs?: number): BrokerError =>
      new BrokerError(code, `alpaca: HTTP ${error.status} ${venueMessage}`, { venue, retryable, venueCode, venueMessage, cause: error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    const text = venueMessage.toLowerCase();
    if (error.status === 429) return make('GM_BROKER_RATE_LIMITED', true, error.retryAfterMs !== undefined && error.retryAfterMs > 0 ? error.retryAfterMs : ALPACA_RATE_LIMIT_WAIT_MS);
    if (error.status === 401) return make('GM_BROKER_AUTH_FAILED', false);
    if (venueCode === '40310000' || text.includes('insufficient')) return make('GM_BROKER_INSUFFICIENT_FUNDS', false);
    if (error.status === 403) return make('GM_BROKER_AUTH_FAILED', false);
    if (error.status === 404) return make('GM_ORDER_NOT_FOUND', false);
    if (/asset .*not found|asset not found|not tradable|invalid symbol|unknown symbol/.test(text)) return make('GM_BROKER_BAD_SYMBOL', false);
    if (error.status === 408 || error.status === 504) return make('GM_BROKER_TIMEOUT', true);
    if (error.status >= 500) return make('GM_BROKER_UNAVAILABLE', true);
    return make('GM_BROKER_ORDER_REJECTED', false);
  }
  if (error instanceof FetchError) {
    const cause = (error as { cause?: { name?: string } }).cause;
    const timedOut = cause?.name === 'TimeoutError';
    return new BrokerError(timedOut ? 'GM_BROKER_TIMEOUT' : 'GM_BROKER_UNAVAILABLE', `alpaca: ${error.message}`, { venue, retryable: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BrokerError('GM_BROKER_ORDER_REJECTED', `alpaca: ${message}`, { venue, retryable: false, cause: error });
}
