import { SdkError } from '@grandmodel/framework';

/** Percentiles of recorded latencies, in milliseconds. */
export interface LatencySummary {
  /** Samples recorded in total (the percentiles cover the most recent `capacity`). */
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Wall-clock latencies of decisions, for run statistics only: they never reach an event payload or a
 * decision, so runs stay deterministic. Keeps the last `capacity` samples in a ring; recording allocates nothing.
 */
export class LatencyRecorder {
  readonly #samples: Float64Array;
  #count = 0;

  constructor(readonly capacity = 4096) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new SdkError('GM_INPUT_INVALID', `LatencyRecorder: capacity must be an integer >= 1, was ${capacity}`);
    this.#samples = new Float64Array(capacity);
  }

  /** Current wall time in milliseconds (monotonic; only for measuring durations). */
  static now(): number {
    return performance.now();
  }

  /** Records one duration in milliseconds. */
  record(milliseconds: number): void {
    this.#samples[this.#count % this.capacity] = milliseconds;
    this.#count++;
  }

  /** Records the time elapsed since `start` (a `LatencyRecorder.now()` reading). */
  since(start: number): void {
    this.record(performance.now() - start);
  }

  /** Samples recorded in total. */
  get count(): number {
    return this.#count;
  }

  /** p50, p99 and max of the retained samples (nearest-rank); zeros when there are none. */
  summary(): LatencySummary {
    const held = Math.min(this.#count, this.capacity);
    if (held === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
    const sorted = this.#samples.slice(0, held).sort();
    const rank = (p: number): number => sorted[Math.min(held - 1, Math.max(0, Math.ceil(p * held) - 1))] as number;
    return { count: this.#count, p50: rank(0.5), p99: rank(0.99), max: sorted[held - 1] as number };
  }

  /** Forgets every sample. */
  reset(): void {
    this.#count = 0;
  }
}
