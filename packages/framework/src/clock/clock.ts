/** Source of time for everything in a run; never read `Date.now()` directly in plugins. */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /** True when time is driven by the data (backtest), false for the wall clock. */
  readonly simulated: boolean;
}

/** A clock that only moves when told: backtests and tests set it to each event's time. */
export class SimulatedClock implements Clock {
  readonly simulated = true;
  private time: number;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Moves the clock to `time`; time never goes backwards. */
  set(time: number): void {
    if (time > this.time) this.time = time;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
}

/** The wall clock, for paper and live modes. */
export class LiveClock implements Clock {
  readonly simulated = false;
  now(): number {
    return Date.now();
  }
}
