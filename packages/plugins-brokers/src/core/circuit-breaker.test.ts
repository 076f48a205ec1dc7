import { BrokerError, SimulatedClock } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and refuses calls with the remaining cooldown', () => {
    const clock = new SimulatedClock(1_000);
    const breaker = new CircuitBreaker('venue', { failureThreshold: 3, cooldownMs: 10_000 }, clock);
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.check();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.advance(4_000);
    let refused: unknown;
    try {
      breaker.check();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BrokerError);
    expect(refused).toMatchObject({ code: 'GM_BROKER_UNAVAILABLE', retryable: true, retryAfterMs: 6_000, venue: 'venue' });
  });

  it('lets one trial call through after the cooldown: success closes it, failure opens it again', () => {
    const clock = new SimulatedClock(0);
    const breaker = new CircuitBreaker('venue', { failureThreshold: 1, cooldownMs: 500 }, clock);
    breaker.recordFailure();
    clock.advance(500);
    expect(breaker.state).toBe('half-open');
    breaker.check();
    // A second caller during the trial is refused
    expect(() => breaker.check()).toThrow(BrokerError);
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.advance(500);
    breaker.check();
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    breaker.check();
  });
});
