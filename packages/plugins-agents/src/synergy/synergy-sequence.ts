import type { SignalType } from './synergy-patterns.js';
import { PatternTable } from './synergy-patterns.js';

/** One indicator signal fed to the sequence. */
export interface SynergySignal {
  readonly type: SignalType;
  /** +1 long, −1 short. */
  readonly direction: number;
  /** Bar time the signal became known (the bar's close), epoch ms. */
  readonly time: number;
  /** 0..1 */
  readonly strength: number;
  /** The indicator value behind the signal (MLMI value, NW-RQK slope, FVG level). */
  readonly value: number;
}

/** Settings of the sequence (spec §5.3 defaults in parentheses). */
export interface SequenceSettings {
  /** Bar length used to count bars between signal times, ms (5 minutes). */
  readonly barMs: number;
  /** A sequence expires when more than this many bars passed since its first signal (10). */
  readonly windowBars: number;
  /** Bars after an emission during which completed patterns are dropped (5). */
  readonly cooldownBars: number;
  /**
   * `pattern-heads`: only a signal that begins some configured pattern opens a sequence (pick); `any`: every signal
   * does (repo), so e.g. an FVG opens a sequence no PRD pattern can complete.
   */
  readonly sequenceStart?: 'pattern-heads' | 'any';
}

/** What adding a signal did. */
export type SequenceOutcome = 'started' | 'appended' | 'duplicate' | 'completed' | 'cooldown' | 'unknown-order' | 'not-a-start';

/** A completed synergy: the pattern and the three signals in order. */
export interface CompletedSynergy {
  readonly pattern: string;
  readonly direction: number;
  readonly signals: readonly [SynergySignal, SynergySignal, SynergySignal];
  /** floor((t_last − t_first)/bar) + 1 */
  readonly barsToComplete: number;
}

/** Counters of what the sequence saw. */
export interface SequenceCounters {
  expired: number;
  directionResets: number;
  duplicates: number;
  cooldownDrops: number;
  unknownOrders: number;
  /** Signals that could not open a sequence (`pattern-heads` start rule). */
  notAStart: number;
}

/**
 * The synergy sequence state machine (spec §5.3), on bar timestamps only. The first signal starts a sequence (with
 * the `pattern-heads` rule only a signal that begins some pattern can);
 * it expires when more than `windowBars` bars passed since that signal, and restarts with the new one; a
 * direction different from the first signal's also restarts it; a type already in the sequence is ignored.
 * The third signal completes it: an order missing from the pattern table resets, a completion inside the
 * cooldown resets without emitting, otherwise the synergy is returned and the cooldown starts.
 */
export class SynergySequence {
  readonly counters: SequenceCounters = { expired: 0, directionResets: 0, duplicates: 0, cooldownDrops: 0, unknownOrders: 0, notAStart: 0 };
  #signals: SynergySignal[] = [];
  #lastEmission = Number.NaN;
  /** The synergy completed by the last `add` that returned `completed`. */
  completed: CompletedSynergy | undefined;

  constructor(
    readonly settings: SequenceSettings,
    readonly table: PatternTable,
  ) {}

  /** Signals of the current sequence, oldest first. */
  get signals(): readonly SynergySignal[] {
    return this.#signals;
  }

  /** Adds a signal (copied) and reports what happened; on `completed`, read `completed`. */
  add(signal: SynergySignal): SequenceOutcome {
    const { barMs, windowBars } = this.settings;
    let signals = this.#signals;
    const first = signals[0];
    if (first !== undefined && Math.floor((signal.time - first.time) / barMs) > windowBars) {
      this.counters.expired++;
      signals = this.#signals = [];
    } else if (first !== undefined && signal.direction !== first.direction) {
      this.counters.directionResets++;
      signals = this.#signals = [];
    } else if (signals.some((held) => held.type === signal.type)) {
      this.counters.duplicates++;
      return 'duplicate';
    }
    if (signals.length === 0 && this.settings.sequenceStart !== 'any' && !this.table.isHead(signal.type)) {
      this.counters.notAStart++;
      return 'not-a-start';
    }
    signals.push({ type: signal.type, direction: signal.direction, time: signal.time, strength: signal.strength, value: signal.value });
    if (signals.length === 1) return 'started';
    if (signals.length < 3) return 'appended';
    return this.complete(signals as unknown as [SynergySignal, SynergySignal, SynergySignal]);
  }

  /** Drops the current sequence (the cooldown stays). */
  reset(): void {
    this.#signals = [];
  }

  /** True when an emission at `time` would fall inside the cooldown. */
  inCooldown(time: number): boolean {
    return !Number.isNaN(this.#lastEmission) && Math.floor((time - this.#lastEmission) / this.settings.barMs) < this.settings.cooldownBars;
  }

  private complete(signals: [SynergySignal, SynergySignal, SynergySignal]): SequenceOutcome {
    this.#signals = [];
    const [first, second, third] = signals;
    const pattern = this.table.lookup(first.type, second.type, third.type);
    if (pattern === undefined) {
      this.counters.unknownOrders++;
      return 'unknown-order';
    }
    if (this.inCooldown(third.time)) {
      this.counters.cooldownDrops++;
      return 'cooldown';
    }
    this.#lastEmission = third.time;
    this.completed = { pattern, direction: first.direction, signals, barsToComplete: Math.floor((third.time - first.time) / this.settings.barMs) + 1 };
    return 'completed';
  }
}
