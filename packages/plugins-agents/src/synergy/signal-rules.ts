import { z } from 'zod';
import type { SynergySignal } from './synergy-sequence.js';

/** MLMI rule with the §5.6 scale fix: thresholds apply to `u = clip(mlmi / k, ±1)`. */
export const mlmiRuleSchema = z
  .strictObject({
    signal: z
      .enum(['engine', 'zero-cross'])
      .default('engine')
      .describe('Which MLMI signal counts: the engine flag (mlmi_signal_engine: the MLMI direction, set on most bars), or the zero-line cross (mlmi_signal with the indicator default: a rare event)'),
    scale: z
      .enum(['k-eff', 'reference'])
      .default('k-eff')
      .describe('k in u = mlmi/k: the indicator\'s effective k = min(k, store size), which tracks how large MLMI can be, or the fixed `reference`'),
    reference: z.number().positive().default(50).describe('Fixed k when scale is "reference"'),
    threshold: z.number().min(0).max(1).default(0).describe('Minimum |u| for a signal (0: every non-zero signal counts; 0.5 almost never fires at a zero-cross)'),
    fullStrength: z.number().gt(0).max(1).default(0.25).describe('|u| at which the signal strength reaches 1 (strength = min(|u|/fullStrength, 1))'),
  })
  .prefault({});

/** NW-RQK rule with the §5.6 scale fix: the slope threshold in basis points instead of a relative 0.3. */
export const nwrqkRuleSchema = z
  .strictObject({
    slopeUnit: z.enum(['bps', 'relative']).default('bps').describe('Unit of threshold and fullStrength: basis points of the relative slope, or the raw relative slope (compatibility: a threshold of 0.3 never fires)'),
    threshold: z.number().min(0).default(0).describe('Minimum |slope| for a signal (0: every NW-RQK turn counts; the slope is near zero at a turn by construction)'),
    fullStrength: z.number().gt(0).default(2).describe('|slope| at which the strength reaches 1, in slopeUnit'),
  })
  .prefault({});

/** FVG rule: a gap mitigated on this bar whose size is a large enough fraction of the price. */
export const fvgRuleSchema = z
  .strictObject({
    minGapFraction: z.number().min(0).default(0.0002).describe('Minimum gap size / price (0.001 passes ~5% of 5-minute NQ mitigations; 0.0002 about two thirds)'),
    fullStrengthFraction: z.number().gt(0).default(0.001).describe('Gap size / price at which the strength reaches 1'),
  })
  .prefault({});

/** Parsed MLMI rule. */
export type MlmiRule = z.output<typeof mlmiRuleSchema>;
/** Parsed NW-RQK rule. */
export type NwrqkRule = z.output<typeof nwrqkRuleSchema>;
/** Parsed FVG rule. */
export type FvgRule = z.output<typeof fvgRuleSchema>;

/**
 * MLMI signal (spec §5.2 with the §5.6 fix): needs `mlmi_signal ≠ 0` and `|u| ≥ threshold`, u = clip(value/k, ±1);
 * direction = mlmi_signal, strength = min(|u|/fullStrength, 1). `k` is the effective k (k-eff scale).
 */
export function mlmiSignal(value: number, signal: number, effectiveK: number, rule: MlmiRule, time: number): SynergySignal | undefined {
  if (!(signal === 1 || signal === -1) || !Number.isFinite(value)) return undefined;
  const k = rule.scale === 'k-eff' ? effectiveK : rule.reference;
  if (!(k > 0)) return undefined;
  const u = Math.min(1, Math.abs(value) / k);
  if (u < rule.threshold) return undefined;
  return { type: 'mlmi', direction: signal, time, strength: Math.min(u / rule.fullStrength, 1), value };
}

/**
 * NW-RQK signal (spec §5.2 with the §5.6 fix): needs `nwrqk_signal ≠ 0` and `|slope| ≥ threshold` in the rule's
 * unit; direction = nwrqk_signal, strength = min(|slope|/fullStrength, 1).
 */
export function nwrqkSignal(slope: number, signal: number, rule: NwrqkRule, time: number): SynergySignal | undefined {
  if (!(signal === 1 || signal === -1) || !Number.isFinite(slope)) return undefined;
  const magnitude = Math.abs(slope) * (rule.slopeUnit === 'bps' ? 10_000 : 1);
  if (magnitude < rule.threshold) return undefined;
  return { type: 'nwrqk', direction: signal, time, strength: Math.min(magnitude / rule.fullStrength, 1), value: slope };
}

/** FVG outputs one FVG signal check reads. */
export interface FvgReading {
  readonly mitigationSignal: number;
  readonly bullishMitigated: number;
  readonly bullishSize: number;
  readonly bullishLevel: number;
  readonly bearishMitigated: number;
  readonly bearishSize: number;
  readonly bearishLevel: number;
}

/**
 * FVG signal (spec §5.2): needs `fvg_mitigation_signal` and a bullish (+1) or else bearish (−1) gap mitigated on
 * this bar; `size/price ≥ minGapFraction`; strength = min((size/price)/fullStrengthFraction, 1); the value is the
 * gap level. When both sides were mitigated on one bar the bullish one is used (the repo checks it first).
 */
export function fvgSignal(reading: FvgReading, price: number, rule: FvgRule, time: number): SynergySignal | undefined {
  if (reading.mitigationSignal !== 1 || !(price > 0)) return undefined;
  let direction: number;
  let size: number;
  let level: number;
  if (reading.bullishMitigated === 1) {
    direction = 1;
    size = reading.bullishSize;
    level = reading.bullishLevel;
  } else if (reading.bearishMitigated === 1) {
    direction = -1;
    size = reading.bearishSize;
    level = reading.bearishLevel;
  } else {
    return undefined;
  }
  const fraction = size / price;
  if (!(fraction >= rule.minGapFraction)) return undefined;
  return { type: 'fvg', direction, time, strength: Math.min(fraction / rule.fullStrengthFraction, 1), value: level };
}
