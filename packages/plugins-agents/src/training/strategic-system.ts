import { SeededRandom, type IndicatorRegistry } from '@grandmodel/framework';
import { GATING_CONTRACT, STRATEGIC_HIDDEN, STRATEGIC_MLMI_CONTRACT, STRATEGIC_NWRQK_CONTRACT, STRATEGIC_REGIME_CONTRACT } from '../inference/model-contracts.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import { resolveMatrixSource, type MatrixSource } from './matrix-source.js';
import type { NetworkSpec } from './network-spec.js';
import { mirrorStrategicMatrix } from './market-mirror.js';
import { strategicReward, type RewardBreakdown } from './reward-terms.js';
import { gatingPrior, STRATEGIC_AGENT_COLUMN_SETS, STRATEGIC_COLUMNS, STRATEGIC_ROWS, strategicMatrixContext } from './strategic-matrix-context.js';
import { SynergyTrade } from './synergy-trade.js';
import type { DecisionContext, StepOutcome, TrainingSystem } from './training-system.js';

const ACTIONS_TO_DIRECTION = [1, 0, -1] as const; // [buy, hold, sell]
const MATRIX_SIZE = STRATEGIC_ROWS * STRATEGIC_COLUMNS;

/** Options of the strategic system. */
export interface StrategicSystemOptions {
  /** Instance id of the strategic matrix assembler (default `strategic-matrix`). */
  readonly matrix?: string;
  /** Draws which synergies are shown mirrored (default: seed 1). */
  readonly random?: SeededRandom;
  /** Show half of the synergies as the mirrored market (default true). */
  readonly mirror?: boolean;
}

function actor(name: string, columns: number, dropoutRate: number, learningRate: number): ActorDefinition {
  return {
    name,
    network: {
      input: 'features',
      inputSize: STRATEGIC_ROWS * columns,
      hidden: STRATEGIC_HIDDEN,
      hiddenGain: 0.5,
      // Spec §6.1 initialisation: Xavier-uniform gain 0.5, zero bias, +0.1 on the hold logit
      heads: [{ output: 'probabilities', size: 3, activation: { kind: 'softmax' }, gain: 0.5, bias: { kind: 'constant', values: [0, 0.1, 0] } }],
      masks: true,
    },
    actions: [{ kind: 'categorical', head: 0 }],
    learningRate,
    dropoutRate,
  };
}

/**
 * The strategic MARL system (spec §6.1) as a training environment, asked where the pipeline asks it: on
 * each synergy of the synergy detector run in the loop (decided on the freshest 30-minute row, as the
 * `strategic-marl` agent does), the MLMI, NW-RQK and Regime actors choose buy, hold or sell from their column
 * slices of the 48×13 matrix, and the gating network — a fourth actor over the 6-value context — samples
 * which agent the ensemble follows. Buy or sell enters the pipeline's trade ({@link SynergyTrade}), hold
 * stays flat; the step settles when the trade is closed. Each actor is rewarded with the spec's strategic
 * reward for its own action (the synergy term is `strength·cos(action, synergy direction)`), the gating
 * network for the followed action, each z-scored on its own; the centralised critic sees the matrix, the
 * context and the synergy (direction, strength, confidence) and values each actor. Half of the synergies
 * (seeded draw) are shown as the mirrored market (signed columns negated, direction flipped) and the
 * chosen direction is traded flipped back, so a trending sample teaches both directions.
 */
export class StrategicSystem implements TrainingSystem {
  readonly name = 'strategic' as const;
  readonly timeframe = '30m';
  readonly trigger = 'synergy' as const;
  readonly independentSteps = true;
  readonly normalizeRewards = true;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  private readonly matrix = new Float32Array(MATRIX_SIZE);
  private readonly context = new Float32Array(6);
  private source: MatrixSource | undefined;
  private readonly random: SeededRandom;
  private readonly mirror: boolean;
  private readonly trade = new SynergyTrade();
  private observed = { direction: 0, strength: 0, mirrored: false };
  /** The step being settled: each actor's direction (+1 buy, 0 hold, −1 sell) in the frame it saw, the followed one last. */
  private readonly directions = new Float64Array(4);
  private entropy = 0;

  constructor(private readonly options: StrategicSystemOptions = {}) {
    this.random = options.random ?? new SeededRandom(1);
    this.mirror = options.mirror ?? true;
    const prior = gatingPrior();
    const gating: ActorDefinition = {
      name: GATING_CONTRACT.name,
      network: {
        input: 'context',
        inputSize: 6,
        hidden: [],
        hiddenGain: 1,
        // Spec §6.1: W Xavier (gain 2) plus the fixed prior terms, b ~ U(−0.1, 0.1); trainer lr 1e-4
        heads: [{ output: 'weights', size: 3, activation: { kind: 'softmax' }, gain: 2, bias: { kind: 'uniform', bound: 0.1 }, absoluteWeight: prior.absolute, weightOffset: prior.linear }],
        masks: false,
      },
      actions: [{ kind: 'categorical', head: 0 }],
      learningRate: 1e-4,
      dropoutRate: 0,
    };
    this.actors = [
      actor(STRATEGIC_MLMI_CONTRACT.name, 4, STRATEGIC_MLMI_CONTRACT.dropoutRate, 3e-4),
      actor(STRATEGIC_NWRQK_CONTRACT.name, 4, STRATEGIC_NWRQK_CONTRACT.dropoutRate, 3e-4),
      actor(STRATEGIC_REGIME_CONTRACT.name, 3, STRATEGIC_REGIME_CONTRACT.dropoutRate, 2e-4),
      gating,
    ];
    this.critic = {
      input: 'joint',
      inputSize: MATRIX_SIZE + 6 + 3,
      hidden: [512, 256, 128],
      hiddenGain: 1,
      // One value per actor (the gating network last): each has its own reward
      heads: [{ output: 'value', size: 4, activation: { kind: 'identity' }, gain: 1 }],
      masks: false,
    };
    this.observations = [...STRATEGIC_AGENT_COLUMN_SETS.map((columns) => new Float32Array(STRATEGIC_ROWS * columns.length)), this.context];
    this.joint = new Float32Array(this.critic.inputSize);
  }

  bind(indicators: IndicatorRegistry): void {
    this.source = resolveMatrixSource(indicators, this.options.matrix ?? 'strategic-matrix', STRATEGIC_ROWS, STRATEGIC_COLUMNS, 'strategic-matrix');
  }

  observe(context: DecisionContext): boolean {
    const synergy = context.synergy;
    const source = this.source!;
    if (synergy === undefined || !source.isReady) return false;
    source.matrix.gather(undefined, this.matrix);
    const mirrored = this.mirror && this.random.next() < 0.5;
    if (mirrored) mirrorStrategicMatrix(this.matrix, this.matrix);
    STRATEGIC_AGENT_COLUMN_SETS.forEach((columns, i) => gatherColumns(this.matrix, columns, this.observations[i]!));
    strategicMatrixContext(this.matrix, this.context);
    const direction = mirrored ? -synergy.direction : synergy.direction;
    this.observed = { direction, strength: synergy.strength, mirrored };
    this.joint.set(this.matrix, 0);
    this.joint.set(this.context, MATRIX_SIZE);
    this.joint[MATRIX_SIZE + 6] = direction;
    this.joint[MATRIX_SIZE + 7] = synergy.strength;
    this.joint[MATRIX_SIZE + 8] = synergy.confidence;
    return true;
  }

  act(decisions: readonly ActorDecision[], context: DecisionContext): void {
    for (let i = 0; i < 3; i++) this.directions[i] = ACTIONS_TO_DIRECTION[decisions[i]!.choices[0]! as 0 | 1 | 2];
    const followed = decisions[3]!.choices[0]!;
    this.directions[3] = this.directions[followed]!;
    this.entropy = (decisions[0]!.entropy + decisions[1]!.entropy + decisions[2]!.entropy) / 3;
    // A direction chosen in the mirrored market is traded reflected
    this.trade.enter(this.observed.mirrored ? -this.directions[3]! : this.directions[3]!, context);
  }

  settled(context: DecisionContext): boolean {
    return this.trade.settled(context);
  }

  reward(outcome: StepOutcome, context: DecisionContext): RewardBreakdown {
    const { direction: synergyDirection, strength } = this.observed;
    const volatilityRegime = context.riskState.volatilityPercentile();
    const exposure = this.trade.entered ? 1 : 0;
    const terms = Array.from(this.directions, (direction) =>
      strategicReward({ pnl: outcome.pnl, pnlStd: outcome.pnlStd, direction, synergyDirection, synergyStrength: strength, drawdown: context.drawdown, exposure, volatilityRegime, entropy: this.entropy }),
    );
    // Reported: the ensemble's (followed) reward and parts
    return { total: terms[3]!.total, parts: terms[3]!.parts, perActor: terms.map((t) => t.total) };
  }

  describe(): Record<string, unknown> {
    return {
      matrix: '48×13 strategic matrix (assembler strategic-matrix)',
      decisions: 'on each synergy of the synergy-detector run in the loop, on the freshest 30-minute row (synergies during an open trade are skipped)',
      columns: { mlmi: STRATEGIC_AGENT_COLUMN_SETS[0], nwrqk: STRATEGIC_AGENT_COLUMN_SETS[1], regime: STRATEGIC_AGENT_COLUMN_SETS[2] },
      actions: ['buy → long', 'hold → flat', 'sell → short'],
      ensemble: 'the gating network samples which agent to follow',
      trade: { stopMultiple: this.trade.stopMultiple, targetMultiple: this.trade.targetMultiple, holdingLimitMinutes: this.trade.holdingMinutes },
      reward: 'per actor (gating: the followed action): tanh(PnL/2σ) + 0.2·strength·cos(action, synergy) − 0.3·risk + 0.1·entropy, z-scored per actor, clipped ±10',
      mirror: this.mirror ? 'half of the synergies (seeded) shown as the mirrored market: columns 0, 1, 2, 3, 9, 10 negated, direction flipped; the trade flipped back' : 'off',
      critic: 'matrix (624) + context (6) + synergy direction, strength, confidence (3) → one value per actor',
    };
  }
}

/** Copies the given columns of a row-major 48×13 matrix into `target`, row by row (`target[row·k + j]` = column `columns[j]`). */
function gatherColumns(matrix: Float32Array, columns: readonly number[], target: Float32Array): void {
  const width = columns.length;
  for (let row = 0; row < STRATEGIC_ROWS; row++) {
    for (let j = 0; j < width; j++) target[row * width + j] = matrix[row * STRATEGIC_COLUMNS + columns[j]!]!;
  }
}
