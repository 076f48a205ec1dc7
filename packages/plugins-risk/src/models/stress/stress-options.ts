import { z } from 'zod';
import { breachActionSchema, maxInstrumentsOption, recoveryOption, timeframeOption } from '../shared/common-options.js';

/** A price move as a fraction (−0.1 = prices fall 10 %); a price cannot fall below zero. */
const shockSchema = z.number().gt(-1).describe('Relative price move, e.g. -0.1 for a 10 % fall');

/** One stress scenario: per-symbol shocks and/or a uniform shock for every other instrument. */
export const stressScenarioSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name shown in breaches and denials'),
    shocks: z.record(z.string().min(1), shockSchema).default({}).describe('Shock per symbol, e.g. { NQ: -0.1, CL: 0.05 }'),
    uniform: shockSchema.optional().describe('Shock applied to every instrument not listed in `shocks`'),
  })
  .refine((scenario) => scenario.uniform !== undefined || Object.keys(scenario.shocks).length > 0, {
    message: 'a scenario needs `uniform` or at least one entry in `shocks`',
  });

/** Options of the `stress` risk model. */
export const stressOptions = z.strictObject({
  scenarios: z
    .array(stressScenarioSchema)
    .default([
      { name: 'all down 10%', shocks: {}, uniform: -0.1 },
      { name: 'all up 10%', shocks: {}, uniform: 0.1 },
    ])
    .describe('Hypothetical shocks applied to the current positions'),
  historical: z.boolean().default(true).describe("Also apply each instrument's worst historicalBars-bar move seen so far (against the position's side)"),
  historicalBars: z.number().int().min(1).max(10_000).default(5).describe('Length in bars of the historical worst move'),
  limit: z.number().positive().default(0.1).describe('Largest scenario loss allowed, as a fraction of equity'),
  action: breachActionSchema.default('reduce').describe('What a breach does: none, reduce, halt, kill or flatten'),
  recovery: recoveryOption,
  preTrade: z.boolean().default(true).describe('Deny an entry whose post-trade worst scenario loss would exceed the limit (and be worse than before)'),
  timeframe: timeframeOption,
  maxInstruments: maxInstrumentsOption,
});

/** Parsed options of the `stress` risk model. */
export type StressOptions = z.output<typeof stressOptions>;
/** Options of the `stress` risk model as written in config. */
export type StressOptionsInput = z.input<typeof stressOptions>;
/** One parsed scenario. */
export type StressScenario = z.output<typeof stressScenarioSchema>;
