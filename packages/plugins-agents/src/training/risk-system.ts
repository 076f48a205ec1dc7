import { SdkError, type IndicatorRegistry } from '@grandmodel/framework';
import { RISK_CONTRACT, RISK_HIDDEN, RISK_MULTIPLIER_RANGE, RISK_SIZE_CHOICES, RISK_STATE_SIZE } from '../inference/model-contracts.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import type { NetworkSpec } from './network-spec.js';
import { riskReward, type RewardBreakdown } from './reward-terms.js';
import type { DecisionContext, StepOutcome, TrainingSystem } from './training-system.js';

/** 30-minute bars back of the entry signal the risk agent manages (sign of the close change). */
export const RISK_SIGNAL_LOOKBACK = 20;
/** Size multiplier of the monitor's reduce_risk action (the risk-marl agent's default reduceFactor). */
export const RISK_REDUCE_FACTOR = 0.5;

/**
 * The risk agent as a training environment, with the `risk-marl` agent's semantics: on each 30-minute bar
 * an entry signal (the sign of the 20-bar close change) proposes a trade when flat (or reversed); the
 * monitor head vetoes it (emergency_stop) or halves it (reduce_risk); the size head picks 1–5 contracts and
 * the stop/target head the bracket distances in ATR(14) multiples. A held position is kept while the signal
 * agrees, closed when the signal turns flat. The state is the risk-marl tracker's; the critic also sees
 * the position and the signal.
 */
export class RiskSystem implements TrainingSystem {
  readonly name = 'risk' as const;
  readonly timeframe = '30m';
  readonly normalizeRewards = true;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  private readonly state = new Float32Array(RISK_STATE_SIZE);
  private readonly closes = new Float64Array(RISK_SIGNAL_LOOKBACK + 1);
  private closeCount = 0;
  private signal = 0;
  private marginUsage = 0;

  constructor() {
    this.actors = [
      {
        name: RISK_CONTRACT.name,
        network: {
          input: 'state',
          inputSize: RISK_STATE_SIZE,
          hidden: RISK_HIDDEN,
          hiddenGain: 1,
          heads: [
            { output: 'size_probabilities', size: RISK_SIZE_CHOICES.length, activation: { kind: 'softmax' }, gain: 0.1 },
            { output: 'stop_target', size: 2, activation: { kind: 'scaled-sigmoid', ...RISK_MULTIPLIER_RANGE }, gain: 0.1 },
            // Starts mostly at no_action, so early episodes trade
            { output: 'monitor_probabilities', size: 4, activation: { kind: 'softmax' }, gain: 0.1, bias: { kind: 'constant', values: [1, 0, 0, 0] } },
          ],
          masks: true,
        },
        actions: [
          { kind: 'categorical', head: 0 },
          { kind: 'gaussian', head: 1, initialLogStd: -0.5 },
          { kind: 'categorical', head: 2 },
        ],
        learningRate: 3e-4,
        dropoutRate: RISK_CONTRACT.dropoutRate,
      },
    ];
    this.critic = {
      input: 'joint',
      inputSize: RISK_STATE_SIZE + 2,
      hidden: [64, 64],
      hiddenGain: 1,
      heads: [{ output: 'value', size: 1, activation: { kind: 'identity' }, gain: 1 }],
      masks: false,
    };
    this.observations = [this.state];
    this.joint = new Float32Array(this.critic.inputSize);
  }

  bind(indicators: IndicatorRegistry): void {
    if (!indicators.has('atr-gm')) {
      throw new SdkError(
        'GM_CONFIG_INVALID',
        'Training the risk agent needs the ATR indicator "atr-gm" on 5-minute bars (its state and stops use ATR(14), as the risk-marl agent does): add - { use: atr-gm, options: { timeframe: 5m } } to indicators:',
      );
    }
  }

  observe(context: DecisionContext): boolean {
    const bar = context.bar;
    this.closes[this.closeCount % this.closes.length] = bar.close;
    this.closeCount++;
    if (this.closeCount <= RISK_SIGNAL_LOOKBACK || !(context.riskState.atr > 0)) return false;
    const past = this.closes[(this.closeCount - 1 - RISK_SIGNAL_LOOKBACK) % this.closes.length]!;
    this.signal = Math.sign(bar.close - past);
    this.marginUsage = context.account.equity > 0 ? context.account.marginUsed / context.account.equity : 0;
    context.riskState.state(context.account, bar.end, this.state);
    this.joint.set(this.state, 0);
    this.joint[RISK_STATE_SIZE] = Math.sign(context.desk.position);
    this.joint[RISK_STATE_SIZE + 1] = this.signal;
    return true;
  }

  act(decisions: readonly ActorDecision[], context: DecisionContext): void {
    const decision = decisions[0]!;
    const desk = context.desk;
    const position = desk.position;
    if (position !== 0 && Math.sign(position) === this.signal) return;
    if (this.signal === 0) {
      if (position !== 0) desk.flatten();
      return;
    }
    const monitor = decision.choices[2]!;
    if (monitor === 3) {
      // emergency_stop vetoes the entry (a reversed position is still closed)
      if (position !== 0) desk.flatten();
      return;
    }
    let size: number = RISK_SIZE_CHOICES[decision.choices[0]!]!;
    if (monitor === 2) size = Math.max(1, Math.round(size * RISK_REDUCE_FACTOR));
    const [stopMultiplier, targetMultiplier] = decision.continuous[1]!;
    const price = context.bar.close;
    const atr = context.riskState.atr;
    const tick = context.tickSize;
    const round = (p: number): number => Math.max(tick, Math.round(p / tick) * tick);
    desk.target(this.signal * size, {
      stopLoss: round(price - this.signal * stopMultiplier! * atr),
      takeProfit: round(price + this.signal * targetMultiplier! * atr),
    });
  }

  reward(outcome: StepOutcome, context: DecisionContext): RewardBreakdown {
    return riskReward({ pnl: outcome.pnl, pnlStd: outcome.pnlStd, drawdown: context.drawdown, marginUsage: this.marginUsage });
  }

  describe(): Record<string, unknown> {
    return {
      state: 'risk-marl RiskStateTracker (default settings) fed on 5-minute bars with close, volume and atr-gm atr14',
      entrySignal: `sign of the ${RISK_SIGNAL_LOOKBACK}-bar 30-minute close change; a held position is kept while the signal agrees`,
      sizes: RISK_SIZE_CHOICES,
      monitor: ['no_action', 'alert (no effect)', `reduce_risk (size × ${RISK_REDUCE_FACTOR})`, 'emergency_stop (veto the entry)'],
      stopTarget: 'bracket distances = multipliers × ATR(14); trained as a Gaussian around the exported mean',
      critic: 'state (10) + position sign + entry signal',
    };
  }
}
