import type { Clock } from './clock.js';

/**
 * A clock whose source can be swapped once before a run starts: paper and live runs begin on the wall clock
 * and switch to a replayed feed's clock when the data source brings one. Components hold this clock.
 */
export class DelegatingClock implements Clock {
  constructor(private target: Clock) {}

  get simulated(): boolean {
    return this.target.simulated;
  }

  now(): number {
    return this.target.now();
  }

  /** Replaces the underlying clock. */
  use(target: Clock): void {
    this.target = target;
  }
}
