import type { Bar, IndicatorRegistry } from '@grandmodel/framework';
import type { AccountReading, RiskStateTracker } from '../agents/risk-state.js';
import type { SynergyDetectedPayload } from '../synergy/synergy-detector.js';
import type { ActorDecision, ActorDefinition } from './mappo-trainer.js';
import type { NetworkSpec } from './network-spec.js';
import type { RewardBreakdown } from './reward-terms.js';
import type { TradingDesk } from './trading-desk.js';

/** The agent groups `grandmodel train` can train. */
export type SystemName = 'strategic' | 'tactical' | 'risk';

/** Everything a system may read or do at a decision bar. */
export interface DecisionContext {
  readonly bar: Bar;
  readonly indicators: IndicatorRegistry;
  readonly desk: TradingDesk;
  /** The risk-marl agent's risk state tracker, fed on every bar of the risk timeframe (5m) with close, volume, ATR. */
  readonly riskState: RiskStateTracker;
  /** The account as the risk-marl agent reads it (run-wide peak equity, margin in use). */
  readonly account: AccountReading;
  readonly equity: number;
  /** Drawdown of equity from its peak within the episode (fraction); the rewards' drawdown. */
  readonly drawdown: number;
  /** Currency value of a one-point move per contract. */
  readonly multiplier: number;
  /** Initial margin as a fraction of notional. */
  readonly marginRate: number;
  /** Price increment of the instrument. */
  readonly tickSize: number;
  /** Contracts a unit decision trades. */
  readonly contracts: number;
  /** True when the ATR indicator feeding the risk state is configured. */
  readonly hasAtr: boolean;
  /** The synergy the detector published on this bar (systems with `trigger: 'synergy'` only). */
  readonly synergy: SynergyDetectedPayload | undefined;
}

/** What happened between two decisions. */
export interface StepOutcome {
  /** Equity change (currency). */
  readonly pnl: number;
  /** Running standard deviation of step PnL over the session so far. */
  readonly pnlStd: number;
  /** |fill price − reference close| / close of the step's first fill (the order its decision placed); undefined when nothing filled. */
  readonly slippage: number | undefined;
}

/**
 * One group of agents trained together (MAPPO): its actors, its critic, how observations are read from
 * the run, how decisions become orders, and its reward (spec §6.6).
 */
export interface TrainingSystem {
  readonly name: SystemName;
  /** Timeframe of the bars it decides on (`trigger: 'synergy'`: the bars it follows between synergies). */
  readonly timeframe: string;
  /**
   * `bar` (default): decides on every bar of its timeframe. `synergy`: the run has a synergy detector in the
   * loop, and the system decides on the bars a synergy is published on (as the pipeline's agents do).
   */
  readonly trigger?: 'bar' | 'synergy';
  /**
   * True when a decision does not influence the next one (each step is its own trade, settled before the
   * next): steps are recorded as terminal and an episode may span engine runs.
   */
  readonly independentSteps?: boolean;
  readonly actors: readonly ActorDefinition[];
  readonly critic: NetworkSpec;
  /** Checks the indicator components it reads exist (clear config errors otherwise). */
  bind(indicators: IndicatorRegistry): void;
  /** Fills `observations` and `joint` for this bar; false while its inputs are not ready. */
  observe(context: DecisionContext): boolean;
  readonly observations: readonly Float32Array[];
  readonly joint: Float32Array;
  /** Turns the actors' decisions into orders. */
  act(decisions: readonly ActorDecision[], context: DecisionContext): void;
  /**
   * False while the pending step's outcome is still open (e.g. a trade waiting for its stop or target):
   * the session then waits, and takes no new decision, until it returns true. Absent: every bar settles.
   */
  settled?(context: DecisionContext): boolean;
  /** Reward of the step that just ended (raw; the session may normalise it). */
  reward(outcome: StepOutcome, context: DecisionContext): RewardBreakdown;
  /** True when rewards are z-scored with running statistics and clipped to ±10 (spec: strategic). */
  readonly normalizeRewards: boolean;
  /** Facts worth recording in the model cards (column sets, action semantics). */
  describe(): Record<string, unknown>;
}
