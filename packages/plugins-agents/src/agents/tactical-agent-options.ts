import { z } from 'zod';
import { DEFAULT_SYNERGY_WEIGHTS } from './tactical-aggregation.js';

const modelPath = (what: string) => z.string().min(1).optional().describe(`ONNX file of the ${what} (relative to the config folder); the shipped model when absent`);
const weightTriple = z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]);

/** Options of the `tactical-marl` agent (spec §6.2). */
export const tacticalAgentOptions = z.strictObject({
  matrix: z.string().default('tactical-matrix').describe('Instance id of the tactical-matrix assembler (listed in indicators:)'),
  atr: z.string().default('atr-gm').describe('Instance id of the ATR indicator on the tactical timeframe (stops and targets)'),
  atrOutput: z.string().default('atr14').describe('ATR output used: atr14 (SMA of true ranges) or atr14_ewma'),
  models: z
    .strictObject({
      fvg: modelPath('FVG actor (contract tactical-fvg)'),
      momentum: modelPath('momentum actor (contract tactical-momentum)'),
      entry: modelPath('entry actor (contract tactical-entry)'),
    })
    .prefault({})
    .describe('Model overrides; any model trained to the same contract drops in'),
  strategic: z
    .string()
    .nullable()
    .default('strategic')
    .describe('Instance id of the strategic agent whose proceeding decisions trigger this one; null acts on every synergy directly'),
  weights: z
    .record(z.string(), weightTriple)
    .default(() => Object.fromEntries(Object.entries(DEFAULT_SYNERGY_WEIGHTS).map(([type, weights]) => [type, [...weights] as [number, number, number]])))
    .describe('Agent weights [FVG, Momentum, Entry] by synergy type; key "default" for other types'),
  executionThreshold: z.number().min(0).max(1).default(0.65).describe('Minimum consensus score to execute'),
  counterSynergyThreshold: z.number().min(0).max(1).default(0.95).describe('A consensus against the synergy direction executes only at this score or above (else vetoed)'),
  minConfidence: z.number().min(0).max(1).default(0.6).describe('Below this consensus the command is hold'),
  alignmentBonus: z.boolean().default(true).describe('Add min(0.1, 0.5·(1 − S)) to a consensus aligned with the synergy'),
  stopMultiple: z.number().positive().default(2).describe('Stop distance in ATRs (stop = P ∓ 2·ATR)'),
  targetMultiple: z.number().positive().default(3).describe('Target distance in ATRs (target = P ± 3·ATR)'),
  timeframe: z.string().default('5m').describe('Tactical timeframe: its closes are the entry reference price'),
  symbol: z.string().min(1).optional().describe('Symbol to trade; every symbol when absent (single-instrument runs)'),
  mcDropoutSamples: z.number().int().min(0).default(0).describe('MC-dropout passes per actor (one batched call each); 0 = deterministic'),
  timeoutMs: z.number().positive().default(5).describe('Per-actor inference limit in paper/live mode; a late actor abstains. Never applied in backtests'),
  publishSignals: z.boolean().default(true).describe('Publish each actor\'s vote as signal.emitted'),
});

/** Parsed options of the tactical agent. */
export type TacticalAgentOptions = z.output<typeof tacticalAgentOptions>;
