import type { Agent, Bar, RunMode, Signal } from '@grandmodel/framework';
import type { AgentServices } from './agent-services.js';
import type { CoordinatorOptions } from './coordinator-options.js';
import { LatencyRecorder, type LatencySummary } from './latency-recorder.js';
import { SourceAccuracy } from './source-accuracy.js';

/** Counts and latency of the coordinator. */
export interface CoordinatorStats {
  readonly bars: number;
  readonly decisions: Readonly<Record<'buy' | 'sell' | 'hold', number>>;
  /** Bars decided with at least one source missing. */
  readonly incomplete: number;
  /** Paper/live bars on which the barrier timed out. */
  readonly timeouts: number;
  /** Current weight of each source (normalised). */
  readonly weights: Readonly<Record<string, number>>;
  readonly latencyMs: LatencySummary;
}

/** The coordinator's verdict for one bar. */
export interface CoordinatorVerdict {
  /** −1, 0 or +1. */
  readonly action: number;
  readonly score: number;
  /** Scores of −1, 0, +1. */
  readonly scores: readonly [number, number, number];
  readonly execute: boolean;
}

/**
 * Weighted vote over normalised weights (`w_i / Σ w`, absent sources abstain but stay in the sum):
 * `S[a] = Σ w_i·strength_i` over the sources whose direction has sign a; a* is the unique top score (a tie is hold);
 * execute when a* ≠ 0 and `S[a*] ≥ threshold`.
 */
export function weightedVote(directions: Float64Array, strengths: Float64Array, weights: Float64Array, threshold: number): CoordinatorVerdict {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  const scores: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < directions.length; i++) {
    const direction = directions[i] as number;
    if (Number.isNaN(direction) || total === 0) continue;
    scores[Math.sign(direction) + 1]! += ((weights[i] as number) / total) * Math.min(1, Math.max(0, strengths[i] as number));
  }
  const top = Math.max(...scores);
  const leaders = [-1, 0, 1].filter((action) => scores[action + 1] === top);
  const action = leaders.length === 1 ? leaders[0]! : 0;
  const score = scores[action + 1]!;
  return { action, score, scores, execute: action !== 0 && score >= threshold };
}

/**
 * A generic coordinator ("CIO") over any set of signal agents: collects their `signal.emitted` per bar, weights them
 * (static, or gated by each source's recent directional accuracy), and publishes `decision.made` when a direction wins.
 * In paper/live mode a barrier waits for every source or a timeout; backtests decide at once, deterministically.
 */
export class Coordinator implements Agent {
  readonly #options: CoordinatorOptions;
  readonly #services: AgentServices;
  readonly #mode: RunMode;
  readonly #index = new Map<string, number>();
  readonly #priors: Float64Array;
  readonly #weights: Float64Array;
  readonly #directions: Float64Array;
  readonly #strengths: Float64Array;
  readonly #accuracy: SourceAccuracy;
  readonly #latency = new LatencyRecorder();
  readonly #counts = { bars: 0, buy: 0, sell: 0, hold: 0, incomplete: 0, timeouts: 0 };
  #time = Number.NaN;
  #received = 0;
  #release: (() => void) | undefined;

  constructor(options: CoordinatorOptions, services: AgentServices, mode: RunMode) {
    this.#options = options;
    this.#services = services;
    this.#mode = mode;
    const n = options.sources.length;
    options.sources.forEach((source, i) => this.#index.set(source.id, i));
    this.#priors = Float64Array.from(options.sources, (source) => source.weight);
    this.#weights = new Float64Array(n);
    this.#directions = new Float64Array(n).fill(Number.NaN);
    this.#strengths = new Float64Array(n);
    this.#accuracy = new SourceAccuracy(n, options.gating.horizonBars, options.gating.decay);
    services.bus.on('signal.emitted', ({ signal }) => this.collect(signal));
  }

  /** Decides on each bar of its timeframe (waiting for the barrier in paper/live mode). */
  onBar(bar: Bar): void | Promise<void> {
    const options = this.#options;
    if (bar.timeframe !== options.timeframe || (options.symbol !== undefined && bar.symbol !== options.symbol)) return;
    if (this.#services.killSwitch?.engaged === true) return;
    if (this.#time !== bar.end) this.startBar(bar.end);
    if (this.#mode === 'backtest' || this.#received === this.#index.size) return this.decide(bar);
    return this.waitForSources().then(() => this.decide(bar));
  }

  /** Counts, weights and latency so far. */
  stats(): CoordinatorStats {
    const { bars, buy, sell, hold, incomplete, timeouts } = this.#counts;
    this.computeWeights();
    const total = this.#weights.reduce((a, b) => a + b, 0);
    return {
      bars,
      decisions: { buy, sell, hold },
      incomplete,
      timeouts,
      weights: Object.fromEntries(this.#options.sources.map((source, i) => [source.id, total > 0 ? this.#weights[i]! / total : 0])),
      latencyMs: this.#latency.summary(),
    };
  }

  private collect(signal: Signal): void {
    const index = this.#index.get(signal.source);
    if (index === undefined) return;
    if (this.#options.symbol !== undefined && signal.symbol !== this.#options.symbol) return;
    if (signal.time !== this.#time) this.startBar(signal.time);
    if (Number.isNaN(this.#directions[index] as number)) this.#received++;
    this.#directions[index] = signal.direction;
    this.#strengths[index] = signal.strength;
    if (this.#received === this.#index.size) this.#release?.();
  }

  private startBar(time: number): void {
    this.#time = time;
    this.#received = 0;
    this.#directions.fill(Number.NaN);
    this.#strengths.fill(0);
  }

  private waitForSources(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#counts.timeouts++;
        this.#release = undefined;
        resolve();
      }, this.#options.barrier.timeoutMs);
      this.#release = () => {
        clearTimeout(timer);
        this.#release = undefined;
        resolve();
      };
    });
  }

  private computeWeights(): void {
    const gated = this.#options.mode === 'gating';
    const sharpness = this.#options.gating.sharpness;
    for (let i = 0; i < this.#weights.length; i++) {
      this.#weights[i] = (this.#priors[i] as number) * (gated ? Math.exp(sharpness * (this.#accuracy.accuracy[i] as number)) : 1);
    }
  }

  private decide(bar: Bar): void {
    const start = LatencyRecorder.now();
    const options = this.#options;
    this.#counts.bars++;
    if (this.#received < this.#index.size) this.#counts.incomplete++;
    this.computeWeights();
    const verdict = weightedVote(this.#directions, this.#strengths, this.#weights, options.threshold);
    const action = verdict.execute ? (verdict.action > 0 ? 'buy' : 'sell') : 'hold';
    this.#counts[action]++;
    if (action !== 'hold' || options.publishHolds) this.publish(bar, verdict, action);
    // Score this bar's votes later, once the horizon has passed
    this.#accuracy.update(bar.close, this.#directions);
    this.#latency.since(start);
  }

  private publish(bar: Bar, verdict: CoordinatorVerdict, action: 'buy' | 'sell' | 'hold'): void {
    const { bus, clock, instanceId } = this.#services;
    const sources = this.#options.sources;
    const total = this.#weights.reduce((a, b) => a + b, 0);
    const votes: Record<string, unknown> = {};
    const missing: string[] = [];
    sources.forEach((source, i) => {
      const direction = this.#directions[i] as number;
      if (Number.isNaN(direction)) missing.push(source.id);
      else votes[source.id] = { direction, strength: this.#strengths[i], weight: (this.#weights[i] as number) / total };
    });
    bus.emit('decision.made', {
      decision: {
        agent: instanceId,
        symbol: bar.symbol,
        action,
        confidence: verdict.score,
        time: bar.end,
        reason: `${this.#options.mode}: ${verdict.action > 0 ? 'long' : verdict.action < 0 ? 'short' : 'neutral'} score ${verdict.score.toFixed(3)} vs threshold ${this.#options.threshold}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}`,
        metadata: {
          stage: 'coordinator',
          execute: verdict.execute,
          scores: { short: verdict.scores[0], neutral: verdict.scores[1], long: verdict.scores[2] },
          votes,
          missing,
          entryPrice: bar.close,
        },
      },
      tsEvent: bar.end,
      tsInit: clock.now(),
    });
  }
}
