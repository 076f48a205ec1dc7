import type { IndicatorRegistry } from '@grandmodel/framework';
import { TACTICAL_ENTRY_CONTRACT, TACTICAL_FVG_CONTRACT, TACTICAL_HIDDEN, TACTICAL_MOMENTUM_CONTRACT } from '../inference/model-contracts.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import { resolveMatrixSource, type MatrixSource } from './matrix-source.js';
import type { NetworkSpec } from './network-spec.js';
import { tacticalReward, type RewardBreakdown } from './reward-terms.js';
import type { DecisionContext, StepOutcome, TrainingSystem } from './training-system.js';

const ROWS = 60;
const COLUMNS = 7;
/** Default agent weights [FVG, Momentum, Entry] of the tactical vote (spec §6.2.3, no synergy type). */
export const TACTICAL_VOTE_WEIGHTS = [0.33, 0.33, 0.34] as const;
/** Score the winning action value needs to trade (spec pick: 0.65). */
export const TACTICAL_EXECUTION_THRESHOLD = 0.65;

/**
 * Feature attention per agent over the 7 matrix columns (spec §6.2.1 extended to 7 weights), times 7 so
 * a uniform attention is all ones; learnable during training.
 */
export const TACTICAL_ATTENTION = {
  [TACTICAL_FVG_CONTRACT.name]: [0.4, 0.4, 0.1, 0, 0, 0.05, 0.05].map((w) => w * 7),
  [TACTICAL_MOMENTUM_CONTRACT.name]: [0.05, 0.05, 0.1, 0, 0, 0.3, 0.5].map((w) => w * 7),
  [TACTICAL_ENTRY_CONTRACT.name]: [1, 1, 1, 1, 1, 1, 1],
} as const;

/** Options of the tactical system. */
export interface TacticalSystemOptions {
  /** Instance id of the tactical matrix assembler (default `tactical-matrix`). */
  readonly matrix?: string;
}

function actor(name: string): ActorDefinition {
  return {
    name,
    network: {
      input: 'matrix',
      inputSize: ROWS * COLUMNS,
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
 * The tactical MARL system (spec §6.2) as a training environment: FVG, Momentum and Entry actors over the
 * 60×7 matrix vote with action values −1/0/+1 on each 5-minute bar; the score of a value is the summed
 * weight of the agents choosing it, and the best value trades when its score reaches 0.65 (two agents
 * agree): the position goes to value × contracts. The critic sees the matrix and the position.
 */
export class TacticalSystem implements TrainingSystem {
  readonly name = 'tactical' as const;
  readonly timeframe = '5m';
  readonly normalizeRewards = false;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  private readonly matrix = new Float32Array(ROWS * COLUMNS);
  private readonly scores = new Float64Array(3);
  private source: MatrixSource | undefined;

  constructor(private readonly options: TacticalSystemOptions = {}) {
    this.actors = [actor(TACTICAL_FVG_CONTRACT.name), actor(TACTICAL_MOMENTUM_CONTRACT.name), actor(TACTICAL_ENTRY_CONTRACT.name)];
    this.critic = {
      input: 'joint',
      inputSize: ROWS * COLUMNS + 1,
      hidden: [512, 256, 128],
      hiddenGain: 1,
      heads: [{ output: 'value', size: 1, activation: { kind: 'identity' }, gain: 1 }],
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
    const source = this.source!;
    if (!source.isReady) return false;
    source.matrix.gather(undefined, this.matrix);
    this.joint.set(this.matrix, 0);
    this.joint[ROWS * COLUMNS] = Math.sign(context.desk.position);
    return true;
  }

  act(decisions: readonly ActorDecision[], context: DecisionContext): void {
    const value = tacticalConsensus(decisions.map((d) => d.choices[0]! - 1), this.scores);
    if (value !== undefined) context.desk.target(value * context.contracts);
  }

  reward(outcome: StepOutcome, context: DecisionContext): RewardBreakdown {
    const atr = context.riskState.atr;
    const exposure = Math.abs(context.desk.position);
    const atRisk = Number.isFinite(atr) ? 2 * atr * exposure * context.multiplier : 0;
    return tacticalReward({ pnl: outcome.pnl, aligned: false, positionRiskPercent: context.equity > 0 ? (100 * atRisk) / context.equity : 0, slippage: outcome.slippage });
  }

  describe(): Record<string, unknown> {
    return {
      matrix: '60×7 tactical matrix (assembler tactical-matrix)',
      vote: { weights: TACTICAL_VOTE_WEIGHTS, threshold: TACTICAL_EXECUTION_THRESHOLD, values: [-1, 0, 1] },
      attentionInitial: TACTICAL_ATTENTION,
      critic: 'matrix (420) + position sign (1)',
    };
  }
}

/**
 * Weighted vote of action values (−1/0/+1) in agent order [FVG, Momentum, Entry]: returns the value whose
 * summed weight reaches the threshold, or undefined (no trade). `scores` is scratch space of length 3.
 */
export function tacticalConsensus(values: readonly number[], scores: Float64Array, weights: readonly number[] = TACTICAL_VOTE_WEIGHTS, threshold = TACTICAL_EXECUTION_THRESHOLD): number | undefined {
  scores.fill(0);
  values.forEach((value, i) => {
    scores[value + 1]! += weights[i]!;
  });
  let best = 0;
  for (let k = 1; k < 3; k++) if (scores[k]! > scores[best]!) best = k;
  return scores[best]! >= threshold ? best - 1 : undefined;
}
