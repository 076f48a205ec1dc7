/** Weights of the strategic reward (spec §6.6): R = 1.0·pnl + 0.2·synergy − 0.3·risk + 0.1·explore. */
export const STRATEGIC_REWARD_WEIGHTS = { pnl: 1, synergy: 0.2, risk: 0.3, explore: 0.1 } as const;
/** Drawdown threshold of the risk term (spec: max drawdown 0.15) and the volatility penalty weight. */
export const RISK_TERM = { drawdownThreshold: 0.15, volatilityPenalty: 0.05 } as const;

/** One reward and its parts (for progress output and the model cards). */
export interface RewardBreakdown {
  readonly total: number;
  readonly parts: Readonly<Record<string, number>>;
  /** One reward per actor when the actors are rewarded separately (`total` is then their mean). */
  readonly perActor?: readonly number[];
}

/** What the strategic reward reads about one step. */
export interface StrategicStep {
  /** Equity change over the step (currency). */
  readonly pnl: number;
  /** Running standard deviation of step PnL. */
  readonly pnlStd: number;
  /** Direction the ensemble took: +1 buy, 0 hold, −1 sell. */
  readonly direction: number;
  /** Synergy direction (+1/−1) and strength (0–1); zero when no synergy is known. */
  readonly synergyDirection: number;
  readonly synergyStrength: number;
  /** Drawdown of the episode's equity from its peak (fraction). */
  readonly drawdown: number;
  /** |position| in contracts-of-target units (0 or 1 for a unit target). */
  readonly exposure: number;
  /** Volatility regime percentile (0–1). */
  readonly volatilityRegime: number;
  /** Mean entropy (nats) of the agents' action distributions. */
  readonly entropy: number;
}

/** The drawdown part of the risk term: `max(0, (DD − thr)/thr)²`. */
export function drawdownPenalty(drawdown: number, threshold: number = RISK_TERM.drawdownThreshold): number {
  const excess = Math.max(0, (drawdown - threshold) / threshold);
  return excess * excess;
}

/**
 * Strategic reward before normalisation: `tanh(PnL/(2σ)) + 0.2·strength·cos(action, synergy)
 * − 0.3·(max(0,(DD−0.15)/0.15)² + 0.05·exposure·volatility regime) + 0.1·entropy`.
 */
export function strategicReward(step: StrategicStep): RewardBreakdown {
  const w = STRATEGIC_REWARD_WEIGHTS;
  const pnl = Math.tanh(step.pnl / (2 * (step.pnlStd > 1e-12 ? step.pnlStd : 1)));
  const synergy = step.synergyStrength * step.direction * step.synergyDirection;
  const risk = drawdownPenalty(step.drawdown) + RISK_TERM.volatilityPenalty * step.exposure * step.volatilityRegime;
  const explore = step.entropy;
  return { total: w.pnl * pnl + w.synergy * synergy - w.risk * risk + w.explore * explore, parts: { pnl, synergy, risk, explore } };
}

/** What the tactical reward reads about one step. */
export interface TacticalStep {
  readonly pnl: number;
  /** True when the consensus direction agrees with the synergy direction. */
  readonly aligned: boolean;
  /** Capital at risk (2 ATR stop distance × exposure) as a percent of equity. */
  readonly positionRiskPercent: number;
  /** Slippage of the step's fills as a fraction of price; undefined without fills. */
  readonly slippage: number | undefined;
}

/** Tactical reward (spec §6.6): `clip(tanh(pnl/100) + 0.2·[aligned] − 0.5·[risk% > 2] + 0.1·[slippage < 0.05 %], −2, 2)`. */
export function tacticalReward(step: TacticalStep): RewardBreakdown {
  const pnl = Math.tanh(step.pnl / 100);
  const alignment = step.aligned ? 0.2 : 0;
  const risk = step.positionRiskPercent > 2 ? 0.5 : 0;
  const execution = step.slippage !== undefined && step.slippage < 0.0005 ? 0.1 : 0;
  const total = Math.min(2, Math.max(-2, pnl + alignment - risk + execution));
  return { total, parts: { pnl, alignment, risk, execution } };
}

/** What the risk reward reads about one step. */
export interface RiskStep {
  readonly pnl: number;
  readonly pnlStd: number;
  readonly drawdown: number;
  readonly marginUsage: number;
}

/** Risk reward: `tanh(PnL/(2σ)) − 0.3·max(0,(DD−0.15)/0.15)² − 0.5·[margin usage > 0.9]`. */
export function riskReward(step: RiskStep): RewardBreakdown {
  const pnl = Math.tanh(step.pnl / (2 * (step.pnlStd > 1e-12 ? step.pnlStd : 1)));
  const drawdown = drawdownPenalty(step.drawdown);
  const margin = step.marginUsage > 0.9 ? 1 : 0;
  return { total: pnl - 0.3 * drawdown - 0.5 * margin, parts: { pnl, drawdown, margin } };
}
