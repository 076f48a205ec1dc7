import { BrokerError, type SeededRandom } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { ExponentialBackoff, type BackoffOptions } from './backoff.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Scheduler } from './scheduler.js';
import type { VenueGateway } from './venue-gateway.js';
import type { VenueOrderSnapshot } from './venue-order.js';

/** What the order-stream supervisor works with and reports to. */
export interface OrderStreamSupervision {
  readonly gateway: VenueGateway;
  readonly backoff: BackoffOptions;
  /** The stream's own breaker (separate from REST calls'), opened by repeated failed connections. */
  readonly breaker: CircuitBreaker;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly random?: SeededRandom;
  onSnapshot(snapshot: VenueOrderSnapshot): void;
  /** Each time the stream is (re)connected. */
  onConnected(): void;
  /** Each time it dropped and a reconnect is scheduled. */
  onDrop(): void;
}

/**
 * Keeps a gateway's order stream connected until `signal` aborts: after a drop it waits with exponential backoff
 * (at least the venue's retry-after, and out the breaker's cooldown) and connects again. A permanent failure
 * (e.g. refused credentials) ends supervision; the broker then relies on periodic reconciliation.
 */
export async function superviseOrderStream(parts: OrderStreamSupervision, signal: AbortSignal): Promise<void> {
  const backoff = new ExponentialBackoff(parts.backoff, parts.random);
  const venue = parts.gateway.venue;
  while (!signal.aborted) {
    try {
      parts.breaker.check();
    } catch (refusal) {
      // The breaker is open after repeated failed connections: wait out its cooldown
      await parts.scheduler.sleep((refusal as BrokerError).retryAfterMs ?? backoff.next(), signal);
      continue;
    }
    try {
      await parts.gateway.streamOrders!(
        {
          onSnapshot: (snapshot) => parts.onSnapshot(snapshot),
          onConnected: () => {
            backoff.reset();
            parts.breaker.recordSuccess();
            parts.onConnected();
          },
        },
        signal,
      );
      if (signal.aborted) break;
      throw new BrokerError('GM_BROKER_UNAVAILABLE', `${venue}: the order stream closed`, { venue, retryable: true });
    } catch (error) {
      if (signal.aborted) break;
      const failure = error instanceof BrokerError ? error : parts.gateway.classify(error);
      if (!failure.retryable) {
        parts.logger.error({ venue, code: failure.code, venueCode: failure.venueCode, err: failure.message }, 'order stream failed permanently; relying on periodic reconciliation');
        break;
      }
      parts.breaker.recordFailure();
      parts.onDrop();
      const delay = Math.max(failure.retryAfterMs ?? 0, backoff.next());
      parts.logger.warn({ venue, delayMs: delay, code: failure.code, err: failure.message }, 'order stream disconnected; reconnecting');
      await parts.scheduler.sleep(delay, signal);
    }
  }
}
