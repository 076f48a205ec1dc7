import { BrokerError, createSilentLogger, SimulatedClock } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { backoffOptions } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { isAmbiguous, withRetries, type RetryContext } from './retry-policy.js';
import { VirtualScheduler } from './scheduler.js';

const limited = (retryAfterMs?: number) => new BrokerError('GM_BROKER_RATE_LIMITED', 'slow down', { venue: 'v', retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

function context(maxAttempts: number): RetryContext & { scheduler: VirtualScheduler } {
  const clock = new SimulatedClock(0);
  return {
    venue: 'v',
    classify: (error) => (error instanceof BrokerError ? error : new BrokerError('GM_BROKER_UNAVAILABLE', String(error), { venue: 'v', retryable: true })),
    breaker: new CircuitBreaker('v', { failureThreshold: 100, cooldownMs: 1_000 }, clock),
    scheduler: new VirtualScheduler(clock),
    backoff: backoffOptions.parse({ initialMs: 100, maxMs: 10_000 }),
    maxAttempts,
    logger: createSilentLogger(),
  };
}

describe('withRetries', () => {
  it('retries retryable failures, waiting the longer of the backoff and the venue retry-after', async () => {
    const retry = context(4);
    const failures = [limited(2_000), limited(), limited(50)];
    const value = await withRetries(retry, 'call', async () => {
      const next = failures.shift();
      if (next !== undefined) throw next;
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(retry.scheduler.delays).toEqual([2_000, 200, 400]);
  });

  it('throws a permanent error at once and the last retryable one when attempts run out', async () => {
    const permanent = new BrokerError('GM_BROKER_AUTH_FAILED', 'no', { venue: 'v', retryable: false });
    const once = context(5);
    let calls = 0;
    await expect(withRetries(once, 'call', async () => {
      calls++;
      throw permanent;
    })).rejects.toBe(permanent);
    expect(calls).toBe(1);
    const exhausted = context(3);
    await expect(withRetries(exhausted, 'call', async () => Promise.reject(limited(700)))).rejects.toMatchObject({ code: 'GM_BROKER_RATE_LIMITED', retryAfterMs: 700 });
    expect(exhausted.scheduler.delays).toEqual([700, 700]);
  });

  it('lets beforeRetry end the retries with a value (the idempotent look-up)', async () => {
    const retry = context(5);
    let calls = 0;
    const unavailable = new BrokerError('GM_BROKER_UNAVAILABLE', 'dropped', { venue: 'v', retryable: true });
    const value = await withRetries(retry, 'submit', async () => {
      calls++;
      throw unavailable;
    }, async (error) => (isAmbiguous(error) ? { done: true, value: 'found' } : undefined));
    expect(value).toBe('found');
    expect(calls).toBe(1);
    expect(isAmbiguous(limited())).toBe(false);
  });
});
