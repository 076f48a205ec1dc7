import { BrokerError } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ExponentialBackoff, type BackoffOptions } from './backoff.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Scheduler } from './scheduler.js';

/** Options of request retries. */
export const retryOptions = z
  .strictObject({
    maxAttempts: z.number().int().positive().default(4).describe('Attempts per venue request, the first included; only retryable errors are retried'),
  })
  .describe('Retries of venue requests');

/** Turns anything a venue library throws into a classified BrokerError. */
export type ErrorClassifier = (error: unknown) => BrokerError;

/** What a retrying call needs. */
export interface RetryContext {
  readonly venue: string;
  readonly classify: ErrorClassifier;
  readonly breaker: CircuitBreaker;
  readonly scheduler: Scheduler;
  readonly backoff: BackoffOptions;
  readonly maxAttempts: number;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

/**
 * Runs a venue call through the circuit breaker, retrying retryable failures with exponential backoff (or the
 * venue's retry-after, when longer). Throws the last classified BrokerError once attempts run out, or at once
 * for a permanent error. `beforeRetry` may end the retries early by returning a value (the idempotent submit
 * looks the order up there).
 */
export async function withRetries<T>(
  context: RetryContext,
  what: string,
  call: () => Promise<T>,
  beforeRetry?: (error: BrokerError) => Promise<{ readonly done: true; readonly value: T } | undefined>,
): Promise<T> {
  const backoff = new ExponentialBackoff(context.backoff);
  let lastError: BrokerError | undefined;
  for (let attempt = 1; attempt <= context.maxAttempts; attempt++) {
    if (context.signal?.aborted) break;
    try {
      context.breaker.check();
    } catch (error) {
      lastError = error as BrokerError;
      if (attempt === context.maxAttempts) break;
      await context.scheduler.sleep(lastError.retryAfterMs ?? backoff.next(), context.signal);
      continue;
    }
    try {
      const value = await call();
      context.breaker.recordSuccess();
      return value;
    } catch (error) {
      lastError = error instanceof BrokerError ? error : context.classify(error);
      if (!lastError.retryable) {
        // A permanent answer means the venue is reachable
        context.breaker.recordSuccess();
        throw lastError;
      }
      context.breaker.recordFailure();
      if (attempt === context.maxAttempts) break;
      const delay = Math.max(lastError.retryAfterMs ?? 0, backoff.next());
      context.logger?.warn({ venue: context.venue, what, attempt, delayMs: delay, code: lastError.code, venueCode: lastError.venueCode }, 'venue call failed; retrying');
      await context.scheduler.sleep(delay, context.signal);
      const early = await beforeRetry?.(lastError);
      if (early !== undefined) return early.value;
    }
  }
  throw lastError ?? new BrokerError('GM_BROKER_UNAVAILABLE', `${context.venue}: ${what} was abandoned (the broker is disconnecting)`, { venue: context.venue, retryable: true });
}

/** True for failures after which a write may or may not have reached the venue (timeouts, dropped connections, 5xx). */
export function isAmbiguous(error: BrokerError): boolean {
  return error.code === 'GM_BROKER_TIMEOUT' || error.code === 'GM_BROKER_UNAVAILABLE';
}
