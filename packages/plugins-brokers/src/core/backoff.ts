import type { SeededRandom } from '@grandmodel/framework';
import { z } from 'zod';

/** Options of the exponential backoff used between retries and reconnects. */
export const backoffOptions = z
  .strictObject({
    initialMs: z.number().int().positive().default(500).describe('First delay after a failure, in milliseconds'),
    maxMs: z.number().int().positive().default(30_000).describe('Largest delay, in milliseconds'),
    factor: z.number().min(1).default(2).describe('Each further failure multiplies the delay by this factor'),
    jitter: z.number().min(0).max(1).default(0).describe('Random spread of each delay as a fraction (0.2 = ±20%), drawn from the seeded random source'),
  })
  .describe('Exponential backoff between retries and reconnects');

/** Parsed backoff options. */
export type BackoffOptions = z.output<typeof backoffOptions>;

/** Delays that grow exponentially from `initialMs` up to `maxMs`, optionally jittered with a seeded source. */
export class ExponentialBackoff {
  private failures = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random?: SeededRandom,
  ) {}

  /** Number of delays handed out since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** Returns the next delay and counts one more failure. */
  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.failures);
    this.failures++;
    if (jitter === 0 || this.random === undefined) return Math.round(base);
    const spread = 1 - jitter + 2 * jitter * this.random.next();
    return Math.round(Math.min(maxMs, base * spread));
  }

  /** Starts again from `initialMs` (after a success). */
  reset(): void {
    this.failures = 0;
  }
}
