import { SeededRandom, type IndicatorRegistry } from '@grandmodel/framework';
import { tacticalAgentOptions } from '../agents/tactical-agent-options.js';
import { aggregateTactical, type TacticalVote } from '../agents/tactical-aggregation.js';
import { TACTICAL_ENTRY_CONTRACT, TACTICAL_FVG_CONTRACT, TACTICAL_HIDDEN, TACTICAL_MOMENTUM_CONTRACT } from '../inference/model-contracts.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import { resolveMatrixSource, type MatrixSource } from './matrix-source.js';
import type { NetworkSpec } from './network-spec.js';
import { tacticalReward, type RewardBreakdown } from './reward-terms.js';
import { mirrorTacticalMatrix, TACTICAL_COLUMNS as COLUMNS, TACTICAL_ROWS as ROWS } from './market-mirror.js';
import { SynergyTrade } from './synergy-trade.js';
import type { DecisionContext, StepOutcome, TrainingSystem } from './training-system.js';

/**
 * Feature attention per agent over the 7 matrix columns (spec §6.2.1 extended to 7 weights), times 7 so
 * a uniform attention is all ones; learnable during training.
 */
export const TACTICAL_ATTENTION = {
  [TACTICAL_FVG_CONTRACT.name]: [0.4, 0.4, 0.1, 0, 0, 0.05, 0.05].map((w) => w * 7),
  [TACTICAL_MOMENTUM_CONTRACT.name]: [0.05, 0.05, 0.1, 0, 0, 0.3, 0.5].map((w) => w * 7),
  [TACTICAL_ENTRY_CONTRACT.name]: [1, 1, 1, 1, 1, 1, 1],
} as const;

const AGENTS = ['fvg', 'momentum', 'entry'] as const;
const MATRIX_SIZE = ROWS * COLUMNS;

/** Options of the tactical system. */
export interface TacticalSystemOptions {
  /** Instance id of the tactical matrix assembler (default `tactical-matrix`). */
  readonly matrix?: string;
  /** Draws which synergies are shown mirrored (default: seed 1). */
  readonly random?: SeededRandom;
  /** Show half of the synergies as the mirrored market (default true). */
  readonly mirror?: boolean;
}

function actor(name: string): ActorDefinition {
  return {
    name,
    network: {
      input: 'matrix',
      inputSize: MATRIX_SIZE,
      hidden: TACTICAL_HIDDEN,
      hiddenGain: 1,
      heads: [{ output: 'probabilities', size: 3, activation: { kind: 'softmax' }, gain: 0.1 }],
      masks: true,
      attention: { initial: TACTICAL_ATTENTION[name]!, rows: ROWS },
    },
    actions: [{ kind: 'categorical', head: 0 }],
    learningRate: 3e-4,
    dropoutRate: 0.1,
  };
}

/**
 * The tactical MARL system (spec §6.2) as a training environment, asked where the pipeline asks it: the
 * pipeline's synergy detector runs in the loop, and on each synergy the FVG, Momentum and Entry actors
 * vote −1/0/+1 on the 60×7 matrix (sampled, each with its probability as confidence). The vote is the
 * `tactical-marl` agent's: weights by synergy type, counter-synergy veto below 0.95, alignment bonus,
 * execution at 0.65 and 0.6. An executed consensus enters the pipeline's trade ({@link SynergyTrade}: the
 * agent's 2/3 ATR bracket); the step settles when the trade is closed. Synergies arriving while a trade is
 * open are skipped, as the risk agent skips them. Each agent has its own reward (spec §6.6: its vote's alignment with the
 * synergy, plus the shared PnL, risk and slippage terms) and its own value in the centralised critic, which
 * also sees the synergy's direction, strength and confidence. Half of the synergies (seeded draw) are shown
 * as the mirrored market with the direction flipped, and the consensus is traded flipped back, so the
 * policies learn both directions from a trending sample.
 */
export class TacticalSystem implements TrainingSystem {
  readonly name = 'tactical' as const;
  readonly timeframe = '5m';
  readonly trigger = 'synergy' as const;
  readonly independentSteps = true;
  readonly normalizeRewards = false;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  private readonly matrix = new Float32Array(MATRIX_SIZE);
  private readonly vote = tacticalAgentOptions.parse({});
  private readonly random: SeededRandom;
  private readonly mirror: boolean;
  private source: MatrixSource | undefined;
  private observed = { type: '', direction: 0, mirrored: false };
  private readonly trade = new SynergyTrade();
  /** Per agent: its vote in the step being settled equals the synergy direction. */
  private aligned: boolean[] = [false, false, false];

  constructor(private readonly options: TacticalSystemOptions = {}) {
    this.random = options.random ?? new SeededRandom(1);
    this.mirror = options.mirror ?? true;
    this.actors = [actor(TACTICAL_FVG_CONTRACT.name), actor(TACTICAL_MOMENTUM_CONTRACT.name), actor(TACTICAL_ENTRY_CONTRACT.name)];
    this.critic = {
      input: 'joint',
      inputSize: MATRIX_SIZE + 3,
      hidden: [512, 256, 128],
      hiddenGain: 1,
      // One value per agent: each has its own reward
      heads: [{ output: 'value', size: 3, activation: { kind: 'identity' }, gain: 1 }],
      masks: false,
    };
    // The three agents observe the same matrix
    this.observations = [this.matrix, this.matrix, this.matrix];
    this.joint = new Float32Array(this.critic.inputSize);
  }

  bind(indicators: IndicatorRegistry): void {
    this.source = resolveMatrixSource(indicators, this.options.matrix ?? 'tactical-matrix', ROWS, COLUMNS, 'tactical-matrix');
  }

  observe(context: DecisionContext): boolean {
    const synergy = context.synergy;
    const source = this.source!;
    if (synergy === undefined || !source.isReady) return false;
    source.matrix.gather(undefined, this.matrix);
    const mirrored = this.mirror && this.random.next() < 0.5;
    if (mirrored) mirrorTacticalMatrix(this.matrix, this.matrix);
    const direction = mirrored ? -synergy.direction : synergy.direction;
    this.observed = { type: synergy.synergyType, direction, mirrored };
    this.joint.set(this.matrix, 0);
    this.joint[MATRIX_SIZE] = direction;
    this.joint[MATRIX_SIZE + 1] = synergy.strength;
    this.joint[MATRIX_SIZE + 2] = synergy.confidence;
    return true;
  }

  act(decisions: readonly ActorDecision[], context: DecisionContext): void {
    const { type, direction, mirrored } = this.observed;
    const votes: TacticalVote[] = decisions.map((decision, i) => {
      const choice = decision.choices[0]!;
      const probabilities = decision.outputs[0]!;
      return { name: AGENTS[i]!, action: choice - 1, confidence: probabilities[choice]!, probabilities: [probabilities[0]!, probabilities[1]!, probabilities[2]!] };
    });
    const vote = this.vote;
    const weights = vote.weights[type] ?? vote.weights['default'] ?? [1 / 3, 1 / 3, 1 / 3];
    const consensus = aggregateTactical(votes, weights, direction, vote);
    this.aligned = votes.map((v) => v.action === direction);
    // The agent's own gates (the 0.6 command gate on top of the vote's); a consensus reached in the mirrored market is traded reflected
    const execute = consensus.execute && consensus.score >= vote.minConfidence;
    this.trade.enter(execute ? (mirrored ? -consensus.action : consensus.action) : 0, context);
  }

  settled(context: DecisionContext): boolean {
    return this.trade.settled(context);
  }

  reward(outcome: StepOutcome): RewardBreakdown {
    const riskPercent = this.trade.riskPercent;
    const terms = (aligned: boolean) => tacticalReward({ pnl: outcome.pnl, aligned, positionRiskPercent: riskPercent, slippage: outcome.slippage });
    const perActor = this.aligned.map((aligned) => terms(aligned).total);
    const shared = terms(false).parts;
    const alignedShare = this.aligned.filter(Boolean).length / this.aligned.length;
    return {
      total: perActor.reduce((a, b) => a + b, 0) / perActor.length,
      parts: { pnl: shared['pnl']!, alignment: 0.2 * alignedShare, risk: shared['risk']!, execution: shared['execution']! },
      perActor,
    };
  }

  describe(): Record<string, unknown> {
    const vote = this.vote;
    return {
      matrix: '60×7 tactical matrix (assembler tactical-matrix)',
      decisions: 'on each synergy of the synergy-detector run in the loop (synergies during an open trade are skipped)',
      vote: {
        weights: vote.weights,
        executionThreshold: vote.executionThreshold,
        counterSynergyThreshold: vote.counterSynergyThreshold,
        minConfidence: vote.minConfidence,
        alignmentBonus: vote.alignmentBonus,
        values: [-1, 0, 1],
        sampling: 'each agent samples its vote; its confidence is the probability of that vote',
      },
      trade: { stopMultiple: this.trade.stopMultiple, targetMultiple: this.trade.targetMultiple, holdingLimitMinutes: this.trade.holdingMinutes },
      reward: 'per agent: clip(tanh(pnl/100) + 0.2·[own vote = synergy direction] − 0.5·[capital at risk > 2 %] + 0.1·[entry slippage < 0.05 %], −2, 2)',
      mirror: this.mirror ? 'half of the synergies (seeded) shown as the mirrored market: columns 0↔1 swapped, columns 2 and 5 negated, direction flipped; the trade flipped back' : 'off',
      attentionInitial: TACTICAL_ATTENTION,
      critic: 'matrix (420) + synergy direction, strength, confidence (3) → one value per agent',
    };
  }
}
