import { z } from 'zod';
import { backoffOptions } from './backoff.js';
import { circuitBreakerOptions } from './circuit-breaker.js';
import { retryOptions } from './retry-policy.js';

/** Resilience options shared by the venue adapters. */
export const resilienceOptions = z
  .strictObject({
    retry: retryOptions.prefault({}),
    backoff: backoffOptions.prefault({}),
    circuitBreaker: circuitBreakerOptions.prefault({}),
    reconcileIntervalMs: z
      .number()
      .int()
      .nonnegative()
      .default(60_000)
      .describe('Reconcile open orders and positions with the venue this often, in milliseconds (0: only on start and after reconnects)'),
    streamConnectTimeoutMs: z.number().int().positive().default(10_000).describe('How long `connect` waits for the order stream before going on without it, in milliseconds'),
  })
  .describe('Retries, reconnect backoff, circuit breaker and reconciliation');

/** Parsed resilience options. */
export type ResilienceOptions = z.output<typeof resilienceOptions>;
