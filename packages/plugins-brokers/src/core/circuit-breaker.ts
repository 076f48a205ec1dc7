import { BrokerError, type Clock } from '@grandmodel/framework';
import { z } from 'zod';

/** Options of the circuit breaker that stops hammering a venue that keeps failing. */
export const circuitBreakerOptions = z
  .strictObject({
    failureThreshold: z.number().int().positive().default(5).describe('Consecutive retryable failures that open the circuit'),
    cooldownMs: z.number().int().positive().default(30_000).describe('How long an open circuit refuses calls before one trial call is let through'),
  })
  .describe('Circuit breaker in front of every venue call');

/** Parsed circuit breaker options. */
export type CircuitBreakerOptions = z.output<typeof circuitBreakerOptions>;

/** `closed`: calls flow; `open`: calls fail fast; `half-open`: one trial call decides. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Counts consecutive failures; past the threshold it opens and refuses calls for a cooldown (measured on the
 * injected clock), then lets one trial call through: success closes it, failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = Number.NaN;
  private trialInFlight = false;

  constructor(
    private readonly venue: string,
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {}

  /** Current state, derived from the failure count and the clock. */
  get state(): CircuitState {
    if (Number.isNaN(this.openedAt)) return 'closed';
    return this.clock.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  /** Throws GM_BROKER_UNAVAILABLE (retryable, with the remaining cooldown) while the circuit is open. */
  check(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return;
    }
    const remaining = Math.max(1, this.options.cooldownMs - (this.clock.now() - this.openedAt));
    throw new BrokerError('GM_BROKER_UNAVAILABLE', `${this.venue}: circuit open after ${this.failures} consecutive failures; next attempt in ${remaining} ms`, {
      venue: this.venue,
      retryable: true,
      retryAfterMs: remaining,
    });
  }

  /** Records a successful call: the circuit closes. */
  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = Number.NaN;
    this.trialInFlight = false;
  }

  /** Records a failed call; opens the circuit at the threshold (or again after a failed trial). */
  recordFailure(): void {
    this.failures++;
    const failedTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (failedTrial || this.failures >= this.options.failureThreshold) this.openedAt = this.clock.now();
  }
}
