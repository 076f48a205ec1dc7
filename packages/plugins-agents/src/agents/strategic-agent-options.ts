import { z } from 'zod';

/** A model file path, relative to the config's folder; the shipped model when absent. */
const modelPath = (what: string) => z.string().min(1).optional().describe(`ONNX file of the ${what} (relative to the config folder); the shipped model when absent`);

/** Options of the `strategic-marl` agent (spec §6.1). */
export const strategicAgentOptions = z.strictObject({
  matrix: z.string().default('strategic-matrix').describe('Instance id of the strategic-matrix assembler (listed in indicators:)'),
  models: z
    .strictObject({
      mlmi: modelPath('MLMI actor (contract strategic-mlmi)'),
      nwrqk: modelPath('NW-RQK actor (contract strategic-nwrqk)'),
      regime: modelPath('regime actor (contract strategic-regime)'),
      gating: modelPath('gating network (contract strategic-gating)'),
    })
    .prefault({})
    .describe('Model overrides; any model trained to the same contract drops in'),
  threshold: z.number().min(0).max(1).default(0.65).describe('Confidence gate θ: should_proceed = confidence ≥ θ (1.2·θ when an agent fell back)'),
  confidence: z
    .enum(['gated', 'max', 'entropy'])
    .default('max')
    .describe('Ensemble confidence: max(P), max(P)·g with the gating confidence g = 1 − H(w)/ln 3, or max(P) − H(P)'),
  strategySupport: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Tilt each agent towards the synergy direction when the synergy is confident'),
      threshold: z.number().min(0).max(1).default(0.7).describe('Synergy confidence above which the tilt applies'),
    })
    .prefault({})
    .describe('Strategy support: agents lean towards the detected synergy rather than override it'),
  fallbackWeights: z
    .tuple([z.number().min(0), z.number().min(0), z.number().min(0)])
    .default([0.4, 0.35, 0.25])
    .describe('Agent weights [MLMI, NW-RQK, Regime] when the gating network fails'),
  trigger: z.enum(['synergy', 'bar']).default('synergy').describe('Decide on each synergy.detected (pipeline) or on every strategic bar'),
  timeframe: z.string().default('30m').describe('Strategic timeframe: a synergy found on the 5-minute bar that closes a 30-minute bar waits for that 30-minute row'),
  symbol: z.string().min(1).optional().describe('Symbol to decide for; every symbol when absent (single-instrument runs)'),
  mcDropoutSamples: z.number().int().min(0).default(0).describe('MC-dropout passes per actor (one batched call each); 0 = deterministic, the ensemble confidence being the uncertainty measure here'),
  timeoutMs: z.number().positive().default(8).describe('Per-actor inference limit in paper/live mode; a late actor falls back. Never applied in backtests'),
  publishSignals: z.boolean().default(true).describe('Publish each actor\'s opinion as signal.emitted'),
});

/** Parsed options of the strategic agent. */
export type StrategicAgentOptions = z.output<typeof strategicAgentOptions>;
