import { assertFiniteNumber, describeValue, invalidInput } from './assert-input.js';

/** A bet described by its odds. */
export interface KellyBet {
  /** Probability p of a win, in [0, 1]. */
  readonly winProbability: number;
  /** Payoff ratio b = average win / average loss, > 0. */
  readonly payoffRatio: number;
}

/** Limits applied by `cappedKellyFraction`. */
export interface KellyLimits {
  /** Fraction of full Kelly to bet (0.5 = half-Kelly). @default 0.5 */
  readonly multiplier?: number;
  /** Lowest fraction returned (a short of at most 25 %). @default -0.25 */
  readonly minimum?: number;
  /** Highest fraction returned. @default 0.25 */
  readonly maximum?: number;
}

/**
 * Returns the full Kelly fraction f* = p − (1 − p)/b, the bet size (as a fraction of capital) that
 * maximises expected log growth p·ln(1 + b·f) + (1 − p)·ln(1 − f). Unclipped: negative means the bet
 * has negative edge (bet the other side, or not at all); p = 1 gives 1.
 */
export function kellyFraction(bet: KellyBet): number {
  if (bet === null || typeof bet !== 'object') {
    throw invalidInput(`bet must be an object { winProbability, payoffRatio }, was ${describeValue(bet)}`);
  }
  const { winProbability, payoffRatio } = bet;
  assertFiniteNumber(winProbability, 'winProbability');
  assertFiniteNumber(payoffRatio, 'payoffRatio');
  if (winProbability < 0 || winProbability > 1) {
    throw invalidInput(`winProbability must be in [0, 1], was ${describeValue(winProbability)}`);
  }
  if (payoffRatio <= 0) throw invalidInput(`payoffRatio must be greater than 0, was ${describeValue(payoffRatio)}`);
  return winProbability - (1 - winProbability) / payoffRatio;
}

/**
 * Returns the Kelly fraction scaled by `limits.multiplier` (default 0.5, half-Kelly) and then clipped to
 * [`limits.minimum`, `limits.maximum`] (default ±0.25): clip(multiplier·f*, minimum, maximum).
 * Capping full Kelly at ±c before halving equals calling this with bounds ±c/2.
 */
export function cappedKellyFraction(bet: KellyBet, limits?: KellyLimits): number {
  const multiplier = limits?.multiplier ?? 0.5;
  const minimum = limits?.minimum ?? -0.25;
  const maximum = limits?.maximum ?? 0.25;
  assertFiniteNumber(multiplier, 'multiplier');
  assertFiniteNumber(minimum, 'minimum');
  assertFiniteNumber(maximum, 'maximum');
  if (multiplier < 0) throw invalidInput(`multiplier must be >= 0, was ${describeValue(multiplier)}`);
  if (minimum > maximum) throw invalidInput(`minimum (${minimum}) must be <= maximum (${maximum})`);
  const scaled = multiplier * kellyFraction(bet);
  // `+ 0` turns a −0 (zero edge) into 0
  return Math.min(maximum, Math.max(minimum, scaled)) + 0;
}
