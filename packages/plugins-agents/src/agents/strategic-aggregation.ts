import type { FeatureMatrix } from '../assemblers/feature-matrix.js';

/** Strategic actions in model output order. */
export const STRATEGIC_ACTIONS = ['buy', 'hold', 'sell'] as const;
/** One of `buy`, `hold`, `sell`. */
export type StrategicAction = (typeof STRATEGIC_ACTIONS)[number];

/** Probabilities a strategic agent used when its model failed (spec §6.1). */
export const FALLBACK_PROBABILITIES = Object.freeze([0.33, 0.34, 0.33]);
/** Confidence of a fallen-back agent. */
export const FALLBACK_CONFIDENCE = 0.1;

/** One strategic agent's opinion. */
export interface AgentOpinion {
  readonly name: string;
  /** [buy, hold, sell], summing to 1. */
  readonly probabilities: readonly number[];
  readonly confidence: number;
  /** True when the model failed and the fallback was used. */
  readonly fallback: boolean;
}

/** How the ensemble confidence is computed. */
export type ConfidenceFormula = 'gated' | 'max' | 'entropy';

/** The ensemble decision (spec §6.1 aggregation). */
export interface StrategicAggregate {
  readonly action: StrategicAction;
  readonly probabilities: readonly number[];
  readonly confidence: number;
  /** H(P) in nats. */
  readonly uncertainty: number;
  readonly shouldProceed: boolean;
  /** w_i·conf_i per agent (after the fallback penalty). */
  readonly contributions: readonly number[];
}

const EPSILON = 1e-8;

/** Shannon entropy in nats, with the spec's ε inside the log. */
export function entropy(probabilities: readonly number[] | Float64Array): number {
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    sum -= p * Math.log(p + EPSILON);
  }
  return sum;
}

/** Gating confidence `g = 1 − H(w)/ln 3` (1 for one-hot weights, 0 for uniform ones). */
export function gatingConfidence(weights: readonly number[] | Float64Array): number {
  return Math.min(1, Math.max(0, 1 - entropy(weights) / Math.log(weights.length)));
}

/**
 * The 6-dim shared context of the gating network (spec §6.1, `_jit_extract_context_fast`) over the 48×13 matrix:
 * `[std(col 11), mean(col 12), mean(col 9), mean(col 10), |mean(col 10, last 24 rows) − mean(col 10, first 24 rows)|, mean(col 0)]`,
 * with population standard deviation over the rows held. Writes into `target` (length 6).
 */
export function strategicContext(matrix: FeatureMatrix, target: Float32Array): Float32Array {
  const rows = matrix.filled;
  let sum11 = 0;
  let sumSquares11 = 0;
  let sum12 = 0;
  let sum9 = 0;
  let sum10 = 0;
  let sum0 = 0;
  let firstHalf10 = 0;
  let secondHalf10 = 0;
  const half = Math.floor(rows / 2);
  for (let row = 0; row < rows; row++) {
    const volatility = matrix.get(row, 11);
    sum11 += volatility;
    sumSquares11 += volatility * volatility;
    sum12 += matrix.get(row, 12);
    sum9 += matrix.get(row, 9);
    const momentum = matrix.get(row, 10);
    sum10 += momentum;
    if (row < half) firstHalf10 += momentum;
    else secondHalf10 += momentum;
    sum0 += matrix.get(row, 0);
  }
  const n = Math.max(rows, 1);
  const mean11 = sum11 / n;
  target[0] = Math.sqrt(Math.max(0, sumSquares11 / n - mean11 * mean11));
  target[1] = sum12 / n;
  target[2] = sum9 / n;
  target[3] = sum10 / n;
  target[4] = half === 0 ? 0 : Math.abs(secondHalf10 / (rows - half) - firstHalf10 / half);
  target[5] = sum0 / n;
  return target;
}

/**
 * Strategy support (spec §6.1, `strategic_agent_base.py`): when the synergy's confidence exceeds `threshold`,
 * the favoured action's probability is raised to at least 0.6, hold ×0.5 and the opposite ×0.3, then renormalised;
 * the agent's confidence grows by 0.3·synergy confidence (capped at 1). Returns a new opinion.
 */
export function applyStrategySupport(opinion: AgentOpinion, direction: number, synergyConfidence: number, threshold = 0.7): AgentOpinion {
  if (!(synergyConfidence > threshold) || (direction !== 1 && direction !== -1)) return opinion;
  const [buy, hold, sell] = opinion.probabilities as [number, number, number];
  const raw = direction === 1 ? [Math.max(buy, 0.6), hold * 0.5, sell * 0.3] : [buy * 0.3, hold * 0.5, Math.max(sell, 0.6)];
  const total = raw[0]! + raw[1]! + raw[2]!;
  return { ...opinion, probabilities: raw.map((p) => p / total), confidence: Math.min(1, opinion.confidence + 0.3 * synergyConfidence) };
}

/**
 * The superposition aggregation (spec §6.1): agents' confidences ×0.1 when fallen back; `e_i = w_i·conf_i`;
 * `P = Σ e_i·P_i / Σ e_i` (uniform when Σe = 0); action = argmax P over [buy, hold, sell]; confidence per
 * `formula` (`gated`: max(P)·g, the repo; `max`: max(P); `entropy`: max(P) − H(P)); `should_proceed = confidence ≥ θ`,
 * and when any agent fell back also `confidence ≥ 1.2·θ`.
 */
export function aggregateStrategic(opinions: readonly AgentOpinion[], weights: readonly number[], gating: number, threshold: number, formula: ConfidenceFormula): StrategicAggregate {
  const contributions = opinions.map((opinion, i) => (weights[i] ?? 0) * opinion.confidence * (opinion.fallback ? 0.1 : 1));
  const total = contributions.reduce((a, b) => a + b, 0);
  const probabilities = [0, 0, 0];
  if (total > 0) {
    opinions.forEach((opinion, i) => {
      for (let a = 0; a < 3; a++) probabilities[a]! += (contributions[i]! * (opinion.probabilities[a] as number)) / total;
    });
  } else {
    probabilities.fill(1 / 3);
  }
  let best = 0;
  for (let a = 1; a < 3; a++) if (probabilities[a]! > probabilities[best]!) best = a;
  const top = probabilities[best]!;
  const uncertainty = entropy(probabilities);
  const confidence = formula === 'gated' ? top * gating : formula === 'max' ? top : top - uncertainty;
  const anyFallback = opinions.some((opinion) => opinion.fallback);
  const shouldProceed = confidence >= threshold && (!anyFallback || confidence >= 1.2 * threshold);
  return { action: STRATEGIC_ACTIONS[best]!, probabilities, confidence, uncertainty, shouldProceed, contributions };
}
