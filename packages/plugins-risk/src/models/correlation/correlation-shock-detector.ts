/** How bad a correlation shock is (spec §7.3 severity rule). */
export type ShockSeverity = 'moderate' | 'high' | 'critical';

/** A detected shock. */
export interface CorrelationShock {
  readonly time: number;
  /** Average correlation now. */
  readonly average: number;
  /** Lowest average within the window before now. */
  readonly baseline: number;
  /** average − baseline. */
  readonly rise: number;
  readonly severity: ShockSeverity;
}

/** Orders severities, for "at least" comparisons. */
export const SEVERITY_RANK: Readonly<Record<ShockSeverity, number>> = { moderate: 0, high: 1, critical: 2 };

/**
 * The correlation-shock rule: keeps a bounded history of (time, average correlation) and reports a shock
 * when the average rises more than `threshold` above the lowest average of the earlier entries within
 * `windowMs` (entries at or after time − windowMs, the current one excluded). Severity: critical when the
 * average is above 0.9 or the rise above 0.7; high when above 0.8 or 0.6; moderate otherwise.
 * `observe` allocates only when it reports a shock.
 */
export class CorrelationShockDetector {
  private readonly times: Float64Array;
  private readonly averages: Float64Array;
  private head = 0;
  private stored = 0;

  constructor(
    private readonly threshold: number,
    private readonly windowMs: number,
    capacity: number,
  ) {
    this.times = new Float64Array(capacity);
    this.averages = new Float64Array(capacity);
  }

  /** Entries held. */
  get length(): number {
    return this.stored;
  }

  /** Adds the average correlation at `time`; returns the shock it reveals, or undefined. */
  observe(time: number, average: number): CorrelationShock | undefined {
    const capacity = this.times.length;
    let baseline = Number.POSITIVE_INFINITY;
    const from = time - this.windowMs;
    // Walk back from the newest entry; entries are in time order, so stop at the first one too old
    for (let age = 0; age < this.stored; age++) {
      const index = (this.head - 1 - age + capacity) % capacity;
      if (this.times[index]! < from) break;
      if (this.averages[index]! < baseline) baseline = this.averages[index]!;
    }
    this.times[this.head] = time;
    this.averages[this.head] = average;
    this.head = (this.head + 1) % capacity;
    if (this.stored < capacity) this.stored++;
    if (baseline === Number.POSITIVE_INFINITY) return undefined;
    const rise = average - baseline;
    if (!(rise > this.threshold)) return undefined;
    const severity: ShockSeverity = average > 0.9 || rise > 0.7 ? 'critical' : average > 0.8 || rise > 0.6 ? 'high' : 'moderate';
    return { time, average, baseline, rise, severity };
  }

  /** Forgets the history (e.g. when the set of instruments in the average changes). */
  clear(): void {
    this.head = 0;
    this.stored = 0;
  }
}
