import { z } from 'zod';
import { breachActionSchema, maxInstrumentsOption, recoveryOption, timeframeOption } from '../shared/common-options.js';

/** One VaR or expected-shortfall limit. */
export const varLimitSchema = z.strictObject({
  confidence: z.number().gt(0).lt(1).describe('Confidence level, e.g. 0.95 or 0.99'),
  limit: z.number().positive().describe('Largest loss allowed, as a fraction of equity (0.02 = 2 %)'),
  measure: z.enum(['var', 'es']).default('var').describe('var: value at risk; es: expected shortfall (mean loss beyond the VaR)'),
});

/** Options of the `var` risk model. */
export const varOptions = z
  .strictObject({
    method: z
      .enum(['historical', 'parametric', 'monte-carlo'])
      .default('historical')
      .describe('historical: current weights over the return window (parametric until the window is full); parametric: normal with the EWMA covariance; monte-carlo: correlated normal paths from the EWMA covariance'),
    window: z.number().int().min(10).max(100_000).default(252).describe('Return steps kept (ring buffer)'),
    minObservations: z.number().int().min(2).default(30).describe('Return steps needed before anything is measured'),
    horizon: z.number().positive().default(1).describe('Horizon in bars (historical scales by √horizon; normal measures aggregate exactly)'),
    limits: z
      .array(varLimitSchema)
      .min(1)
      .default([
        { confidence: 0.95, limit: 0.02, measure: 'var' },
        { confidence: 0.99, limit: 0.05, measure: 'var' },
      ])
      .describe('Breach limits, each a confidence, a fraction of equity and a measure'),
    action: breachActionSchema.default('reduce').describe('What a breach does: none, reduce, halt, kill or flatten'),
    recovery: recoveryOption,
    preTrade: z.boolean().default(false).describe("Deny an entry whose post-trade estimate would breach a limit (and be worse than before)"),
    paths: z.number().int().min(100).max(1_000_000).default(10_000).describe('Monte Carlo paths per estimate'),
    lambda: z.number().min(0).lt(1).default(0.94).describe('EWMA decay of the covariance'),
    timeframe: timeframeOption,
    maxInstruments: maxInstrumentsOption,
  })
  .refine((options) => options.minObservations <= options.window, { message: 'minObservations must be <= window', path: ['minObservations'] });

/** Parsed options of the `var` risk model. */
export type VarOptions = z.output<typeof varOptions>;
/** Options of the `var` risk model as written in config. */
export type VarOptionsInput = z.input<typeof varOptions>;
/** One parsed limit. */
export type VarLimit = z.output<typeof varLimitSchema>;
