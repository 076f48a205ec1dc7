import type { CompletedSynergy } from './synergy-sequence.js';

/** How the detector reports a synergy's confidence. */
export type ConfidenceMode = 'fixed' | 'state-managed';

/** Mean strength of the three signals. */
export function averageStrength(synergy: CompletedSynergy): number {
  const [a, b, c] = synergy.signals;
  return (a.strength + b.strength + c.strength) / 3;
}

/**
 * Pattern quality (spec §5.5, `src/agents/synergy/detector.py`):
 * `clip(0.6·avg_strength + 0.3·(1 − bars_to_complete/window) + 0.1·[all same direction], 0, 1)`.
 */
export function patternQuality(synergy: CompletedSynergy, windowBars: number): number {
  const [a, b, c] = synergy.signals;
  const sameDirection = a.direction === b.direction && b.direction === c.direction ? 1 : 0;
  const quality = 0.6 * averageStrength(synergy) + 0.3 * (1 - synergy.barsToComplete / windowBars) + 0.1 * sameDirection;
  return Math.min(1, Math.max(0, quality));
}

/** Timing score of the state-managed confidence: 1.0 within 3 bars, 0.8 within 5, 0.6 within 8, else 0.4. */
export function timingScore(barsToComplete: number): number {
  return barsToComplete <= 3 ? 1 : barsToComplete <= 5 ? 0.8 : barsToComplete <= 8 ? 0.6 : 0.4;
}

/**
 * Confidence of a synergy: `fixed` is the repo's hard-coded 1.0; `state-managed` is
 * `0.4·1.0 + 0.3·avg_strength + 0.2·timing + 0.1·coherence` (`src/synergy/state_manager.py`).
 */
export function synergyConfidence(synergy: CompletedSynergy, mode: ConfidenceMode): number {
  if (mode === 'fixed') return 1;
  const [a, b, c] = synergy.signals;
  const coherence = a.direction === b.direction && b.direction === c.direction ? 1 : 0;
  return 0.4 + 0.3 * averageStrength(synergy) + 0.2 * timingScore(synergy.barsToComplete) + 0.1 * coherence;
}
