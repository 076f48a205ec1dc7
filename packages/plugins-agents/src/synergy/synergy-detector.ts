import type { Agent, Bar, Clock, IndicatorComponent } from '@grandmodel/framework';
import { timeframeToMs } from '@grandmodel/framework';
import { outputIndex } from '../assemblers/indicator-source.js';
import { LatencyRecorder, type LatencySummary } from '../agents/latency-recorder.js';
import { fvgSignal, mlmiSignal, nwrqkSignal, type FvgReading } from './signal-rules.js';
import { patternMapOf, type SynergyDetectorOptions } from './synergy-detector-options.js';
import { PatternTable } from './synergy-patterns.js';
import { averageStrength, patternQuality, synergyConfidence } from './synergy-quality.js';
import { SynergySequence, type CompletedSynergy, type SequenceCounters, type SynergySignal } from './synergy-sequence.js';

/** The indicator components the detector reads. */
export interface SynergySources {
  /** MLMI: `mlmi_value`, `mlmi_signal_engine` (or `mlmi_signal`) and a numeric `effectiveK`. */
  readonly mlmi: IndicatorComponent & { readonly effectiveK: number };
  /** NW-RQK: `nwrqk_slope`, `nwrqk_signal`. */
  readonly nwrqk: IndicatorComponent;
  /** FVG: mitigation outputs. */
  readonly fvg: IndicatorComponent;
  /** Optional aux-30m for `volatility_30` in the market context. */
  readonly auxiliary?: IndicatorComponent | undefined;
  /** Optional LVN for the nearest LVN in the market context. */
  readonly lvn?: IndicatorComponent | undefined;
}

/** Where the detector publishes and what it checks before working. */
export interface SynergyDetectorServices {
  /** Publishes `synergy.detected`. */
  readonly emit: (payload: SynergyDetectedPayload) => void;
  readonly clock: Clock;
  /** While engaged, the detector drops every bar (spec §5.7 kill-switch gating). */
  readonly killSwitch?: { readonly engaged: boolean } | undefined;
}

/** The `synergy.detected` payload this detector builds. */
export interface SynergyDetectedPayload {
  readonly symbol: string;
  readonly synergyType: string;
  readonly direction: number;
  readonly strength: number;
  readonly confidence: number;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Counts and latency of a detector run. */
export interface SynergyDetectorStats {
  readonly signals: Readonly<Record<'mlmi' | 'nwrqk' | 'fvg', number>>;
  readonly synergies: Readonly<Record<string, number>>;
  readonly synergiesTotal: number;
  readonly sequence: Readonly<SequenceCounters>;
  readonly droppedWhileKilled: number;
  /** Wall time of bars on which a signal fired (stats only). */
  readonly latencyMs: LatencySummary;
}

/**
 * The synergy detector (Gate 1, spec §5) as an agent: reads MLMI and NW-RQK on strategic bars and FVG on
 * tactical bars (edge triggering), feeds their signals to the sequence state machine on bar close times, and
 * publishes `synergy.detected` when a configured pattern completes outside the cooldown.
 */
export class SynergyDetector implements Agent {
  readonly sequence: SynergySequence;
  readonly #options: SynergyDetectorOptions;
  readonly #sources: SynergySources;
  readonly #services: SynergyDetectorServices;
  readonly #mlmi: { value: number; signal: number };
  readonly #nwrqk: { slope: number; signal: number };
  readonly #fvg: Int32Array;
  readonly #reading: { -readonly [K in keyof FvgReading]: number } = { mitigationSignal: 0, bullishMitigated: 0, bullishSize: 0, bullishLevel: 0, bearishMitigated: 0, bearishSize: 0, bearishLevel: 0 };
  readonly #signalCounts = { mlmi: 0, nwrqk: 0, fvg: 0 };
  readonly #synergyCounts: Record<string, number> = {};
  readonly #latency = new LatencyRecorder();
  #price = Number.NaN;
  #dropped = 0;
  #count = 0;
  #fired = false;
  /** The last synergy published. */
  last: SynergyDetectedPayload | undefined;

  constructor(options: SynergyDetectorOptions, sources: SynergySources, services: SynergyDetectorServices) {
    this.#options = options;
    this.#sources = sources;
    this.#services = services;
    const patterns = patternMapOf(options.patterns);
    for (const name of Object.keys(patterns)) this.#synergyCounts[name] = 0;
    this.sequence = new SynergySequence(
      { barMs: options.barMinutes * 60_000, windowBars: options.windowBars, cooldownBars: options.cooldownBars, sequenceStart: options.sequenceStart },
      new PatternTable(patterns),
    );
    this.#mlmi = { value: outputIndex(sources.mlmi, 'mlmi_value'), signal: outputIndex(sources.mlmi, options.mlmi.signal === 'engine' ? 'mlmi_signal_engine' : 'mlmi_signal') };
    this.#nwrqk = { slope: outputIndex(sources.nwrqk, 'nwrqk_slope'), signal: outputIndex(sources.nwrqk, 'nwrqk_signal') };
    const fvgOutputs = ['fvg_mitigation_signal', 'fvg_bullish_mitigated', 'fvg_bullish_size', 'fvg_bullish_level', 'fvg_bearish_mitigated', 'fvg_bearish_size', 'fvg_bearish_level'];
    this.#fvg = Int32Array.from(fvgOutputs, (name) => outputIndex(sources.fvg, name));
    // Fail early on a timeframe typo
    timeframeToMs(options.strategicTimeframe);
    timeframeToMs(options.tacticalTimeframe);
  }

  /** Reads the signals of a closed bar and publishes a synergy when one completes. */
  onBar(bar: Bar): void {
    const options = this.#options;
    if (options.symbol !== undefined && bar.symbol !== options.symbol) return;
    const strategic = bar.timeframe === options.strategicTimeframe;
    const tactical = bar.timeframe === options.tacticalTimeframe;
    if (!strategic && !tactical) return;
    if (tactical) this.#price = bar.close;
    if (this.#services.killSwitch?.engaged === true) {
      this.#dropped++;
      return;
    }
    const start = LatencyRecorder.now();
    this.#fired = false;
    const level = options.triggering === 'level';
    if (strategic || level) {
      this.checkMlmi(bar);
      this.checkNwrqk(bar);
    }
    if (tactical || level) this.checkFvg(bar);
    if (this.#fired) this.#latency.since(start);
  }

  /** Counts and latency so far. */
  stats(): SynergyDetectorStats {
    return {
      signals: { ...this.#signalCounts },
      synergies: { ...this.#synergyCounts },
      synergiesTotal: this.#count,
      sequence: { ...this.sequence.counters },
      droppedWhileKilled: this.#dropped,
      latencyMs: this.#latency.summary(),
    };
  }

  private checkMlmi(bar: Bar): void {
    const mlmi = this.#sources.mlmi;
    const values = mlmi.values;
    const signal = values[this.#mlmi.signal] as number;
    if (signal !== 1 && signal !== -1) return;
    this.offer(mlmiSignal(values[this.#mlmi.value] as number, signal, mlmi.effectiveK, this.#options.mlmi, bar.end), bar);
  }

  private checkNwrqk(bar: Bar): void {
    const values = this.#sources.nwrqk.values;
    const signal = values[this.#nwrqk.signal] as number;
    if (signal !== 1 && signal !== -1) return;
    this.offer(nwrqkSignal(values[this.#nwrqk.slope] as number, signal, this.#options.nwrqk, bar.end), bar);
  }

  private checkFvg(bar: Bar): void {
    const values = this.#sources.fvg.values;
    const index = this.#fvg;
    if (values[index[0] as number] !== 1) return;
    const reading = this.#reading;
    reading.mitigationSignal = 1;
    reading.bullishMitigated = values[index[1] as number] as number;
    reading.bullishSize = values[index[2] as number] as number;
    reading.bullishLevel = values[index[3] as number] as number;
    reading.bearishMitigated = values[index[4] as number] as number;
    reading.bearishSize = values[index[5] as number] as number;
    reading.bearishLevel = values[index[6] as number] as number;
    this.offer(fvgSignal(reading, this.#price, this.#options.fvg, bar.end), bar);
  }

  private offer(signal: SynergySignal | undefined, bar: Bar): void {
    if (signal === undefined) return;
    this.#fired = true;
    this.#signalCounts[signal.type]++;
    if (this.sequence.add(signal) === 'completed') this.publish(this.sequence.completed!, bar);
  }

  private publish(synergy: CompletedSynergy, bar: Bar): void {
    const options = this.#options;
    this.#count++;
    this.#synergyCounts[synergy.pattern] = (this.#synergyCounts[synergy.pattern] ?? 0) + 1;
    const strengths: Record<string, number> = {};
    for (const signal of synergy.signals) strengths[signal.type] = signal.strength;
    const payload: SynergyDetectedPayload = {
      symbol: bar.symbol,
      synergyType: synergy.pattern,
      direction: synergy.direction,
      strength: averageStrength(synergy),
      confidence: synergyConfidence(synergy, options.confidence),
      tsEvent: bar.end,
      tsInit: this.#services.clock.now(),
      details: {
        synergyId: `${bar.symbol}-${bar.end}-${this.#count}`,
        signalSequence: synergy.signals.map((s) => ({ type: s.type, direction: s.direction, time: s.time, strength: s.strength, value: s.value })),
        signalStrengths: strengths,
        barsToComplete: synergy.barsToComplete,
        patternQuality: patternQuality(synergy, options.windowBars),
        marketContext: this.marketContext(),
        detectedOn: bar.timeframe,
      },
    };
    this.last = payload;
    this.#services.emit(payload);
  }

  private marketContext(): Record<string, unknown> {
    const context: Record<string, unknown> = { currentPrice: this.#price };
    const auxiliary = this.#sources.auxiliary;
    if (auxiliary !== undefined) context['volatility'] = auxiliary.values[outputIndex(auxiliary, 'volatility_30')];
    const lvn = this.#sources.lvn;
    if (lvn !== undefined) {
      context['nearestLvn'] = {
        price: lvn.values[outputIndex(lvn, 'lvn_nearest_price')],
        strength: lvn.values[outputIndex(lvn, 'lvn_nearest_strength')],
        distance: lvn.values[outputIndex(lvn, 'lvn_distance_points')],
      };
    }
    return context;
  }
}
