import type { IndicatorRegistry } from '@grandmodel/framework';
import { GATING_CONTRACT, STRATEGIC_HIDDEN, STRATEGIC_MLMI_CONTRACT, STRATEGIC_NWRQK_CONTRACT, STRATEGIC_REGIME_CONTRACT } from '../inference/model-contracts.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import { resolveMatrixSource, type MatrixSource } from './matrix-source.js';
import type { NetworkSpec } from './network-spec.js';
import { strategicReward, type RewardBreakdown } from './reward-terms.js';
import { gatingPrior, STRATEGIC_AGENT_COLUMN_SETS, STRATEGIC_COLUMNS, STRATEGIC_ROWS, strategicMatrixContext } from './strategic-matrix-context.js';
import type { DecisionContext, StepOutcome, TrainingSystem } from './training-system.js';

const ACTIONS_TO_DIRECTION = [1, 0, -1] as const; // [buy, hold, sell]
const MATRIX_SIZE = STRATEGIC_ROWS * STRATEGIC_COLUMNS;

/** Options of the strategic system. */
export interface StrategicSystemOptions {
  /** Instance id of the strategic matrix assembler (default `strategic-matrix`). */
  readonly matrix?: string;
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
 * The strategic MARL system (spec §6.1) as a training environment: MLMI, NW-RQK and Regime actors over
 * their column slices of the 48×13 matrix, and the gating network as a fourth actor whose softmax picks
 * which agent the ensemble follows. On each 30-minute bar the chosen agent's action sets the position:
 * buy → long, sell → short, hold → flat. The centralised critic sees the whole matrix, the shared
 * context and the position.
 */
export class StrategicSystem implements TrainingSystem {
  readonly name = 'strategic' as const;
  readonly timeframe = '30m';
  readonly normalizeRewards = true;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  private readonly matrix = new Float32Array(MATRIX_SIZE);
  private readonly context = new Float32Array(6);
  private source: MatrixSource | undefined;
  private direction = 0;
  private entropy = 0;

  constructor(private readonly options: StrategicSystemOptions = {}) {
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
      inputSize: MATRIX_SIZE + 6 + 1,
      hidden: [512, 256, 128],
      hiddenGain: 1,
      heads: [{ output: 'value', size: 1, activation: { kind: 'identity' }, gain: 1 }],
      masks: false,
    };
    this.observations = [...STRATEGIC_AGENT_COLUMN_SETS.map((columns) => new Float32Array(STRATEGIC_ROWS * columns.length)), this.context];
    this.joint = new Float32Array(this.critic.inputSize);
  }

  bind(indicators: IndicatorRegistry): void {
    this.source = resolveMatrixSource(indicators, this.options.matrix ?? 'strategic-matrix', STRATEGIC_ROWS, STRATEGIC_COLUMNS, 'strategic-matrix');
  }

  observe(context: DecisionContext): boolean {
    const source = this.source!;
    if (!source.isReady) return false;
    source.matrix.gather(undefined, this.matrix);
    STRATEGIC_AGENT_COLUMN_SETS.forEach((columns, i) => source.matrix.gather(columns, this.observations[i]!));
    strategicMatrixContext(this.matrix, this.context);
    this.joint.set(this.matrix, 0);
    this.joint.set(this.context, MATRIX_SIZE);
    this.joint[MATRIX_SIZE + 6] = Math.sign(context.desk.position);
    return true;
  }

  act(decisions: readonly ActorDecision[], context: DecisionContext): void {
    const followed = decisions[3]!.choices[0]!;
    const action = decisions[followed]!.choices[0]!;
    this.direction = ACTIONS_TO_DIRECTION[action as 0 | 1 | 2];
    this.entropy = (decisions[0]!.entropy + decisions[1]!.entropy + decisions[2]!.entropy) / 3;
    context.desk.target(this.direction * context.contracts);
  }

  reward(outcome: StepOutcome, context: DecisionContext): RewardBreakdown {
    return strategicReward({
      pnl: outcome.pnl,
      pnlStd: outcome.pnlStd,
      direction: this.direction,
      synergyDirection: 0,
      synergyStrength: 0,
      drawdown: context.drawdown,
      exposure: Math.abs(this.direction),
      volatilityRegime: context.riskState.volatilityPercentile(),
      entropy: this.entropy,
    });
  }

  describe(): Record<string, unknown> {
    return {
      matrix: '48×13 strategic matrix (assembler strategic-matrix)',
      columns: { mlmi: STRATEGIC_AGENT_COLUMN_SETS[0], nwrqk: STRATEGIC_AGENT_COLUMN_SETS[1], regime: STRATEGIC_AGENT_COLUMN_SETS[2] },
      actions: ['buy → long', 'hold → flat', 'sell → short'],
      ensemble: 'the gating network samples which agent to follow',
      critic: 'matrix (624) + context (6) + position sign (1)',
    };
  }
}
