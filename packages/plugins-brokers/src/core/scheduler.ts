import type { SimulatedClock } from '@grandmodel/framework';

/**
 * Waits for time to pass. Injected into adapters so retries and reconnects are deterministic and fast in
 * tests (a virtual scheduler) and real in paper and live runs.
 */
export interface Scheduler {
  /** Resolves after `ms` milliseconds, or early (resolving) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Waits on the real timer. */
export const realScheduler: Scheduler = {
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/**
 * A scheduler for tests: every sleep moves a simulated clock forward by the requested time and resolves on
 * the next turn of the event loop, recording each delay so tests can assert the backoff sequence.
 */
export class VirtualScheduler implements Scheduler {
  /** Every delay requested, in order. */
  readonly delays: number[] = [];

  constructor(private readonly clock: SimulatedClock) {}

  sleep(ms: number): Promise<void> {
    this.delays.push(ms);
    this.clock.advance(ms);
    return new Promise((resolve) => setImmediate(resolve));
  }
}
