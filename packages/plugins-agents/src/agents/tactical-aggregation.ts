/** Action values of the tactical agents, in model output order (probabilities of −1, 0, +1). */
export const TACTICAL_ACTION_VALUES = [-1, 0, 1] as const;

/** Agent weights [FVG, Momentum, Entry] by synergy type (spec §6.2.3, `src/tactical/aggregator.py`). */
export const DEFAULT_SYNERGY_WEIGHTS: Readonly<Record<string, readonly [number, number, number]>> = Object.freeze({
  TYPE_1: [0.5, 0.3, 0.2],
  TYPE_2: [0.4, 0.4, 0.2],
  TYPE_3: [0.3, 0.5, 0.2],
  TYPE_4: [0.35, 0.35, 0.3],
  default: [0.33, 0.33, 0.34],
});

/** One tactical agent's vote: the argmax action and its probability. */
export interface TacticalVote {
  readonly name: string;
  /** −1, 0 or +1. */
  readonly action: number;
  readonly confidence: number;
  readonly probabilities: readonly number[];
}

/** Settings of the weighted vote. */
export interface TacticalVoteSettings {
  /** Minimum consensus score to execute (0.65). */
  readonly executionThreshold: number;
  /** Score at which a consensus against the synergy direction may still execute (0.95). */
  readonly counterSynergyThreshold: number;
  /** Add `min(0.1, 0.5·(1 − S))` to an aligned consensus. */
  readonly alignmentBonus: boolean;
}

/** Outcome of the weighted vote. */
export interface TacticalConsensus {
  /** Consensus action a*: −1, 0 or +1. */
  readonly action: number;
  /** Score of a* after the alignment gate and bonus. */
  readonly score: number;
  /** Raw scores of −1, 0, +1. */
  readonly scores: readonly [number, number, number];
  readonly execute: boolean;
  /** True when a* opposed the synergy with a score below the counter-synergy threshold. */
  readonly counterSynergyVeto: boolean;
  readonly aligned: boolean;
}

/** Argmax vote of one agent over [−1, 0, +1] (the first maximum on ties, as numpy does). */
export function voteOf(name: string, probabilities: readonly number[]): TacticalVote {
  let best = 0;
  for (let i = 1; i < 3; i++) if ((probabilities[i] as number) > (probabilities[best] as number)) best = i;
  return { name, action: TACTICAL_ACTION_VALUES[best]!, confidence: probabilities[best] as number, probabilities };
}

/**
 * The weighted vote (spec §6.2.3): `S[a] = Σ conf_i·w_i` over the agents choosing a; a* = argmax S (a tie for the
 * top score is no consensus: hold). A non-zero a* against the synergy direction is vetoed (score 0) unless
 * `S ≥ counterSynergyThreshold`; an aligned one gains `min(0.1, 0.5·(1 − S))`, capped at 1. Then
 * `execute = a* ≠ 0 ∧ not vetoed ∧ S ≥ executionThreshold`.
 */
export function aggregateTactical(votes: readonly TacticalVote[], weights: readonly number[], synergyDirection: number, settings: TacticalVoteSettings): TacticalConsensus {
  const scores: [number, number, number] = [0, 0, 0];
  votes.forEach((vote, i) => {
    scores[vote.action + 1]! += vote.confidence * (weights[i] ?? 0);
  });
  const top = Math.max(...scores);
  const leaders = [-1, 0, 1].filter((action) => scores[action + 1] === top);
  const action = leaders.length === 1 ? leaders[0]! : 0;
  let score = scores[action + 1]!;
  let counterSynergyVeto = false;
  let aligned = false;
  if (action !== 0 && action !== synergyDirection) {
    if (score < settings.counterSynergyThreshold) {
      counterSynergyVeto = true;
      score = 0;
    }
  } else if (action !== 0) {
    aligned = true;
    if (settings.alignmentBonus) score = Math.min(1, score + Math.min(0.1, 0.5 * (1 - score)));
  }
  const execute = action !== 0 && !counterSynergyVeto && score >= settings.executionThreshold;
  return { action, score, scores, execute, counterSynergyVeto, aligned };
}

/** Stop and target of an entry at `price` in `direction`: `price ∓ stopMultiple·ATR`, `price ± targetMultiple·ATR`. */
export function atrBracket(price: number, direction: number, atr: number, stopMultiple: number, targetMultiple: number): { readonly stopLoss: number; readonly takeProfit: number } {
  return { stopLoss: price - direction * stopMultiple * atr, takeProfit: price + direction * targetMultiple * atr };
}
