import { isTimeframe } from '@grandmodel/framework';
import { z } from 'zod';
import { breachActionSchema, lotSizeOption, maxInstrumentsOption, timeframeOption } from '../shared/common-options.js';

/** Options of the `correlation` risk model. */
export const correlationOptions = z.strictObject({
  lambda: z.number().min(0).lt(1).default(0.94).describe('EWMA decay of the covariance (RiskMetrics 0.94)'),
  threshold: z.number().positive().max(2).default(0.5).describe('Rise of the average correlation within `window` that counts as a shock'),
  window: z
    .string()
    .refine(isTimeframe, 'expected a duration such as 10m, 1h or 1d')
    .default('10m')
    .describe('How far back the rise is measured (from the lowest average in this span); use a span of several bars'),
  minSamples: z.number().int().min(2).default(30).describe('Returns an instrument needs before it counts in the average correlation'),
  actOnSeverity: z
    .enum(['moderate', 'high', 'critical'])
    .default('high')
    .describe('Least severity of a shock that cuts leverage (high: average > 0.8 or rise > 0.6; critical: > 0.9 or > 0.7)'),
  maxLeverage: z.number().positive().default(4).describe('Gross exposure / equity allowed while there is no shock'),
  leverageFactor: z.number().gt(0).lt(1).default(0.5).describe('Allowed leverage is multiplied by this on a shock, until reset()'),
  downsize: z.boolean().default(true).describe('Shrink an order that would exceed the allowed leverage to what fits (otherwise deny it)'),
  action: breachActionSchema.default('none').describe('Trading-state action of a shock, on top of the leverage cut'),
  history: z.number().int().min(2).max(100_000).default(1000).describe('Average correlations kept (ring buffer)'),
  lotSize: lotSizeOption,
  timeframe: timeframeOption,
  maxInstruments: maxInstrumentsOption,
});

/** Parsed options of the `correlation` risk model. */
export type CorrelationOptions = z.output<typeof correlationOptions>;
/** Options of the `correlation` risk model as written in config. */
export type CorrelationOptionsInput = z.input<typeof correlationOptions>;
