import type { Agent, Bar, IndicatorComponent } from '@grandmodel/framework';
import type { TacticalMatrixAssembler } from '../assemblers/tactical-matrix-assembler.js';
import type { AgentServices, DecisionEvent, SynergyEvent } from './agent-services.js';
import { LatencyRecorder, type LatencySummary } from './latency-recorder.js';
import type { PolicyOutcome, PolicyRunner } from './policy-runner.js';
import { synergyReference } from './strategic-agent.js';
import { aggregateTactical, atrBracket, voteOf, type TacticalConsensus, type TacticalVote } from './tactical-aggregation.js';
import type { TacticalAgentOptions } from './tactical-agent-options.js';

/** The three tactical actors' models. */
export interface TacticalPolicies {
  readonly fvg: PolicyRunner;
  readonly momentum: PolicyRunner;
  readonly entry: PolicyRunner;
}

/** Where the tactical agent reads the ATR. */
export interface AtrSource {
  readonly component: IndicatorComponent;
  readonly index: number;
}

/** Why a tactical decision did not execute. */
export type TacticalVeto = 'counterSynergy' | 'belowThreshold' | 'lowConfidence' | 'noConsensus' | 'atrNotReady';

/** Counts and latency of the tactical agent. */
export interface TacticalAgentStats {
  readonly decisions: number;
  readonly executes: number;
  readonly vetoes: Readonly<Record<TacticalVeto, number>>;
  readonly strategicHolds: number;
  readonly fallbacks: number;
  readonly latencyMs: LatencySummary;
}

/** A synergy the tactical agent is to act on, with the strategic decision that passed it on. */
interface Trigger {
  readonly synergy: { readonly type: string; readonly direction: number; readonly reference: Record<string, unknown> };
  readonly strategic: DecisionEvent['decision'] | undefined;
}

const ACTORS = ['fvg', 'momentum', 'entry'] as const;

/**
 * The tactical MARL system (spec §6.2): when the strategic agent proceeds on a synergy (or on every synergy,
 * without one), the FVG, Momentum and Entry actors vote on the 60×7 matrix; the weighted vote by synergy type
 * (0.65), the counter-synergy veto (0.95) and the 0.6 command gate decide; the decision carries the entry
 * reference price and a bracket at 2×/3× ATR for the risk stage.
 */
export class TacticalAgent implements Agent {
  readonly #options: TacticalAgentOptions;
  readonly #matrix: TacticalMatrixAssembler;
  readonly #policies: TacticalPolicies;
  readonly #atr: AtrSource;
  readonly #services: AgentServices;
  readonly #input: Float32Array;
  readonly #latency = new LatencyRecorder();
  readonly #counts = { decisions: 0, executes: 0, strategicHolds: 0, fallbacks: 0 };
  readonly #vetoes: Record<TacticalVeto, number> = { counterSynergy: 0, belowThreshold: 0, lowConfidence: 0, noConsensus: 0, atrNotReady: 0 };
  #price = Number.NaN;
  #pending: Trigger | undefined;

  constructor(options: TacticalAgentOptions, matrix: TacticalMatrixAssembler, policies: TacticalPolicies, atr: AtrSource, services: AgentServices) {
    this.#options = options;
    this.#matrix = matrix;
    this.#policies = policies;
    this.#atr = atr;
    this.#services = services;
    this.#input = new Float32Array(matrix.matrix.window * matrix.matrix.columns);
    const symbolOk = (symbol: string): boolean => options.symbol === undefined || symbol === options.symbol;
    if (options.strategic === null) {
      services.bus.on('synergy.detected', (synergy: SynergyEvent) => {
        if (symbolOk(synergy.symbol)) this.#pending = { synergy: { type: synergy.synergyType, direction: synergy.direction, reference: synergyReference(synergy) }, strategic: undefined };
      });
    } else {
      services.bus.on('decision.made', ({ decision }) => {
        if (decision.agent === options.strategic && symbolOk(decision.symbol)) this.onStrategic(decision);
      });
    }
  }

  /** Acts on the bar on which a trigger arrived. */
  onBar(bar: Bar): void | Promise<void> {
    const options = this.#options;
    if (options.symbol !== undefined && bar.symbol !== options.symbol) return;
    if (bar.timeframe === options.timeframe) this.#price = bar.close;
    const trigger = this.#pending;
    if (trigger === undefined) return;
    this.#pending = undefined;
    if (this.#services.killSwitch?.engaged === true) return;
    return this.decide(bar, trigger);
  }

  /** Counts and latency so far. */
  stats(): TacticalAgentStats {
    return { ...this.#counts, vetoes: { ...this.#vetoes }, latencyMs: this.#latency.summary() };
  }

  private onStrategic(decision: DecisionEvent['decision']): void {
    const metadata = decision.metadata ?? {};
    const synergy = metadata['synergy'] as { type?: unknown; direction?: unknown } | undefined;
    const direction = decision.action === 'buy' ? 1 : decision.action === 'sell' ? -1 : 0;
    // The strategic layer must proceed, and in the synergy's direction
    if (metadata['shouldProceed'] !== true || synergy === undefined || direction === 0 || synergy.direction !== direction) {
      this.#counts.strategicHolds++;
      return;
    }
    this.#pending = { synergy: { type: String(synergy.type), direction, reference: synergy as Record<string, unknown> }, strategic: decision };
  }

  private async decide(bar: Bar, trigger: Trigger): Promise<void> {
    const start = LatencyRecorder.now();
    const options = this.#options;
    this.#matrix.matrix.copyTo(this.#input);
    const policies = this.#policies;
    const outcomes = await Promise.all([policies.fvg.run(this.#input), policies.momentum.run(this.#input), policies.entry.run(this.#input)]);
    const votes = outcomes.map((outcome, i) => this.voteFrom(ACTORS[i]!, outcome));
    const weights = options.weights[trigger.synergy.type] ?? options.weights['default'] ?? [1 / 3, 1 / 3, 1 / 3];
    const consensus = aggregateTactical(votes, weights, trigger.synergy.direction, {
      executionThreshold: options.executionThreshold,
      counterSynergyThreshold: options.counterSynergyThreshold,
      alignmentBonus: options.alignmentBonus,
    });
    const atr = this.#atr.component.values[this.#atr.index] as number;
    const veto = this.vetoOf(consensus, atr);
    this.#counts.decisions++;
    if (veto === undefined) this.#counts.executes++;
    else this.#vetoes[veto]++;
    this.publish(bar, trigger, votes, weights, consensus, atr, veto);
    this.#latency.since(start);
  }

  private voteFrom(name: string, outcome: PolicyOutcome): TacticalVote {
    if (outcome.ok) return voteOf(name, Array.from(outcome.outputs['probabilities']!.values));
    // A failed actor abstains: it votes hold with no weight
    this.#counts.fallbacks++;
    return { name, action: 0, confidence: 0, probabilities: [0, 1, 0] };
  }

  private vetoOf(consensus: TacticalConsensus, atr: number): TacticalVeto | undefined {
    if (consensus.counterSynergyVeto) return 'counterSynergy';
    if (consensus.action === 0) return 'noConsensus';
    if (!consensus.execute) return 'belowThreshold';
    if (consensus.score < this.#options.minConfidence) return 'lowConfidence';
    if (!(atr > 0) || !(this.#price > 0)) return 'atrNotReady';
    return undefined;
  }

  private publish(bar: Bar, trigger: Trigger, votes: readonly TacticalVote[], weights: readonly number[], consensus: TacticalConsensus, atr: number, veto: TacticalVeto | undefined): void {
    const options = this.#options;
    const { bus, clock, instanceId } = this.#services;
    const time = bar.end;
    if (options.publishSignals) {
      for (const vote of votes) {
        bus.emit('signal.emitted', {
          signal: { source: `${instanceId}/${vote.name}`, symbol: bar.symbol, direction: vote.action, strength: vote.confidence, time, metadata: { probabilities: vote.probabilities } },
          tsEvent: time,
          tsInit: clock.now(),
        });
      }
    }
    const execute = veto === undefined;
    const direction = consensus.action;
    const bracket = execute ? atrBracket(this.#price, direction, atr, options.stopMultiple, options.targetMultiple) : undefined;
    const side = direction > 0 ? 'long' : 'short';
    const reason = execute
      ? `${trigger.synergy.type}: consensus ${side} ${consensus.score.toFixed(3)} ≥ ${options.executionThreshold}; entry ${this.#price}, stop ${bracket!.stopLoss}, target ${bracket!.takeProfit} (ATR ${atr})`
      : `${trigger.synergy.type}: ${veto} (consensus ${direction} with score ${consensus.score.toFixed(3)})`;
    bus.emit('decision.made', {
      decision: {
        agent: instanceId,
        symbol: bar.symbol,
        action: execute ? (direction > 0 ? 'buy' : 'sell') : 'hold',
        confidence: consensus.score,
        time,
        reason,
        metadata: {
          stage: 'tactical',
          execute,
          veto,
          score: consensus.score,
          scores: { short: consensus.scores[0], neutral: consensus.scores[1], long: consensus.scores[2] },
          votes: Object.fromEntries(votes.map((vote) => [vote.name, { action: vote.action, confidence: vote.confidence }])),
          weights,
          synergy: trigger.synergy.reference,
          strategic: trigger.strategic === undefined ? undefined : { agent: trigger.strategic.agent, action: trigger.strategic.action, confidence: trigger.strategic.confidence },
          entryPrice: this.#price,
          atr,
          stopMultiple: options.stopMultiple,
          targetMultiple: options.targetMultiple,
          ...(bracket === undefined ? {} : { stopLoss: bracket.stopLoss, takeProfit: bracket.takeProfit }),
        },
      },
      tsEvent: time,
      tsInit: clock.now(),
    });
  }
}
