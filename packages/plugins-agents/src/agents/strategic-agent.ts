import type { Agent, Bar } from '@grandmodel/framework';
import { timeframeToMs } from '@grandmodel/framework';
import { StrategicMatrixAssembler } from '../assemblers/strategic-matrix-assembler.js';
import type { AgentServices, SynergyEvent } from './agent-services.js';
import { LatencyRecorder, type LatencySummary } from './latency-recorder.js';
import type { PolicyOutcome, PolicyRunner } from './policy-runner.js';
import {
  aggregateStrategic,
  applyStrategySupport,
  FALLBACK_CONFIDENCE,
  FALLBACK_PROBABILITIES,
  gatingConfidence,
  strategicContext,
  type AgentOpinion,
  type StrategicAggregate,
} from './strategic-aggregation.js';
import type { StrategicAgentOptions } from './strategic-agent-options.js';

/** The four models of the strategic system. */
export interface StrategicPolicies {
  readonly mlmi: PolicyRunner;
  readonly nwrqk: PolicyRunner;
  readonly regime: PolicyRunner;
  readonly gating: PolicyRunner;
}

/** Counts and latency of the strategic agent. */
export interface StrategicAgentStats {
  readonly decisions: number;
  readonly proceed: number;
  readonly hold: number;
  readonly warmUp: number;
  readonly fallbacks: number;
  readonly latencyMs: LatencySummary;
}

const ACTORS = ['mlmi', 'nwrqk', 'regime'] as const;

/**
 * The strategic MARL system (spec §6.1): on each synergy it feeds the MLMI, NW-RQK and Regime actors their
 * column slices of the 48×13 matrix, weights them with the gating network over the 6-dim context, aggregates
 * (superposition) and publishes `decision.made` with `metadata.shouldProceed` (confidence gate θ = 0.65).
 */
export class StrategicAgent implements Agent {
  readonly #options: StrategicAgentOptions;
  readonly #matrix: StrategicMatrixAssembler;
  readonly #policies: StrategicPolicies;
  readonly #services: AgentServices;
  readonly #inputs: Record<(typeof ACTORS)[number], Float32Array>;
  readonly #context = new Float32Array(6);
  readonly #strategicMs: number;
  readonly #latency = new LatencyRecorder();
  readonly #counts = { decisions: 0, proceed: 0, hold: 0, warmUp: 0, fallbacks: 0 };
  #pending: SynergyEvent | undefined;

  constructor(options: StrategicAgentOptions, matrix: StrategicMatrixAssembler, policies: StrategicPolicies, services: AgentServices) {
    this.#options = options;
    this.#matrix = matrix;
    this.#policies = policies;
    this.#services = services;
    this.#strategicMs = timeframeToMs(options.timeframe);
    const columns = StrategicMatrixAssembler.agentColumns;
    const window = matrix.matrix.window;
    this.#inputs = { mlmi: new Float32Array(window * columns.mlmi.length), nwrqk: new Float32Array(window * columns.nwrqk.length), regime: new Float32Array(window * columns.regime.length) };
    if (options.trigger === 'synergy') {
      services.bus.on('synergy.detected', (synergy) => {
        if (options.symbol === undefined || synergy.symbol === options.symbol) this.#pending = synergy;
      });
    }
  }

  /** Decides on the bar a synergy arrived on (or, at a 30-minute boundary, on the 30-minute bar that follows). */
  onBar(bar: Bar): void | Promise<void> {
    const options = this.#options;
    if (options.symbol !== undefined && bar.symbol !== options.symbol) return;
    if (this.#services.killSwitch?.engaged === true) {
      this.#pending = undefined;
      return;
    }
    if (options.trigger === 'bar') return bar.timeframe === options.timeframe ? this.decide(bar, undefined) : undefined;
    const synergy = this.#pending;
    if (synergy === undefined) return;
    // The 30-minute bar closing at the same instant is published right after this one: decide on its fresh row
    if (bar.timeframe !== options.timeframe && bar.end % this.#strategicMs === 0) return;
    this.#pending = undefined;
    return this.decide(bar, synergy);
  }

  /** Counts and latency so far. */
  stats(): StrategicAgentStats {
    return { ...this.#counts, latencyMs: this.#latency.summary() };
  }

  private async decide(bar: Bar, synergy: SynergyEvent | undefined): Promise<void> {
    const start = LatencyRecorder.now();
    const matrix = this.#matrix.matrix;
    if (!this.#matrix.isReady) {
      this.#counts.warmUp++;
      this.publishWarmUp(bar, synergy, matrix.updates);
      return;
    }
    const columns = StrategicMatrixAssembler.agentColumns;
    const inputs = this.#inputs;
    matrix.gather(columns.mlmi, inputs.mlmi);
    matrix.gather(columns.nwrqk, inputs.nwrqk);
    matrix.gather(columns.regime, inputs.regime);
    strategicContext(matrix, this.#context);
    const policies = this.#policies;
    const [gating, mlmi, nwrqk, regime] = await Promise.all([
      policies.gating.run(this.#context),
      policies.mlmi.run(inputs.mlmi),
      policies.nwrqk.run(inputs.nwrqk),
      policies.regime.run(inputs.regime),
    ]);
    const weights = gating.ok ? Array.from(gating.outputs['weights']!.values) : [...this.#options.fallbackWeights];
    const g = gating.ok ? gatingConfidence(weights) : 0;
    const support = this.#options.strategySupport;
    const opinions = [opinionOf('mlmi', mlmi), opinionOf('nwrqk', nwrqk), opinionOf('regime', regime)].map((opinion) =>
      support.enabled && synergy !== undefined ? applyStrategySupport(opinion, synergy.direction, synergy.confidence, support.threshold) : opinion,
    );
    const aggregate = aggregateStrategic(opinions, weights, g, this.#options.threshold, this.#options.confidence);
    this.count(aggregate, opinions, gating.ok);
    this.publish(bar, synergy, opinions, weights, g, aggregate, gating.ok);
    this.#latency.since(start);
  }

  private count(aggregate: StrategicAggregate, opinions: readonly AgentOpinion[], gatingOk: boolean): void {
    const counts = this.#counts;
    counts.decisions++;
    if (aggregate.shouldProceed) counts.proceed++;
    else counts.hold++;
    counts.fallbacks += opinions.filter((opinion) => opinion.fallback).length + (gatingOk ? 0 : 1);
  }

  private publish(bar: Bar, synergy: SynergyEvent | undefined, opinions: readonly AgentOpinion[], weights: readonly number[], g: number, aggregate: StrategicAggregate, gatingOk: boolean): void {
    const { bus, clock, instanceId } = this.#services;
    const time = bar.end;
    if (this.#options.publishSignals) {
      for (const opinion of opinions) {
        const [buy, , sell] = opinion.probabilities as [number, number, number];
        bus.emit('signal.emitted', {
          signal: { source: `${instanceId}/${opinion.name}`, symbol: bar.symbol, direction: buy - sell, strength: opinion.confidence, time, metadata: { probabilities: opinion.probabilities, fallback: opinion.fallback } },
          tsEvent: time,
          tsInit: clock.now(),
        });
      }
    }
    const proceed = aggregate.shouldProceed ? 'proceed' : 'hold';
    const reason = `${synergy === undefined ? 'bar' : `${synergy.synergyType} ${synergy.direction > 0 ? 'long' : 'short'} synergy`}: ensemble ${aggregate.action} with confidence ${aggregate.confidence.toFixed(3)} vs θ ${this.#options.threshold} → ${proceed}`;
    bus.emit('decision.made', {
      decision: {
        agent: instanceId,
        symbol: bar.symbol,
        action: aggregate.action,
        confidence: aggregate.confidence,
        time,
        reason,
        metadata: {
          stage: 'strategic',
          shouldProceed: aggregate.shouldProceed,
          probabilities: aggregate.probabilities,
          uncertainty: aggregate.uncertainty,
          gatingWeights: weights,
          gatingConfidence: g,
          gatingFallback: !gatingOk,
          agentContributions: Object.fromEntries(opinions.map((opinion, i) => [opinion.name, aggregate.contributions[i]])),
          individualConfidences: Object.fromEntries(opinions.map((opinion) => [opinion.name, opinion.confidence])),
          fallbacks: opinions.filter((opinion) => opinion.fallback).map((opinion) => opinion.name),
          synergy: synergy === undefined ? undefined : synergyReference(synergy),
        },
      },
      tsEvent: time,
      tsInit: clock.now(),
    });
  }

  private publishWarmUp(bar: Bar, synergy: SynergyEvent | undefined, rows: number): void {
    const { bus, clock, instanceId } = this.#services;
    bus.emit('decision.made', {
      decision: {
        agent: instanceId,
        symbol: bar.symbol,
        action: 'hold',
        confidence: 0,
        time: bar.end,
        reason: `strategic matrix warming up: ${rows} of ${this.#matrix.warmUp} rows`,
        metadata: { stage: 'strategic', shouldProceed: false, warmUp: true, synergy: synergy === undefined ? undefined : synergyReference(synergy) },
      },
      tsEvent: bar.end,
      tsInit: clock.now(),
    });
  }
}

/** The parts of a synergy later stages need. */
export function synergyReference(synergy: SynergyEvent): Record<string, unknown> {
  return { id: synergy.details?.['synergyId'], type: synergy.synergyType, direction: synergy.direction, strength: synergy.strength, confidence: synergy.confidence, time: synergy.tsEvent };
}

function opinionOf(name: string, outcome: PolicyOutcome): AgentOpinion {
  if (!outcome.ok) return { name, probabilities: FALLBACK_PROBABILITIES, confidence: FALLBACK_CONFIDENCE, fallback: true };
  const probabilities = Array.from(outcome.outputs['probabilities']!.values);
  return { name, probabilities, confidence: Math.max(...probabilities), fallback: false };
}
