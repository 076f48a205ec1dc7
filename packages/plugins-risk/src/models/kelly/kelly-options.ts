import { z } from 'zod';
import { lotSizeOption } from '../shared/common-options.js';

/** Options of the `kelly` risk model. */
export const kellyOptions = z
  .strictObject({
    multiplier: z.number().gt(0).max(1).default(0.5).describe('Fraction of the full Kelly bet to take (0.5 = half-Kelly)'),
    maxFraction: z.number().gt(0).max(1).default(0.25).describe('Cap on the position value as a fraction of equity, after the multiplier'),
    source: z
      .enum(['auto', 'metadata', 'trades'])
      .default('auto')
      .describe("Where p and b come from: the intent's metadata (winProbability, payoffRatio), the run's closed trades, or metadata when present and trades otherwise"),
    lookbackTrades: z.number().int().min(1).max(100_000).default(100).describe('Closed trades the estimator keeps (the most recent)'),
    minTrades: z.number().int().min(1).default(30).describe('Winning plus losing trades needed before the trade estimate is used'),
    includeFees: z.boolean().default(true).describe('Count fees in each closed trade result'),
    withoutEstimate: z
      .enum(['approve', 'deny'])
      .default('approve')
      .describe('What to do with an entry when there is neither metadata nor enough closed trades'),
    sizing: z.enum(['set', 'cap']).default('set').describe('set: the Kelly size replaces the quantity (up or down); cap: it only lowers it'),
    lotSize: lotSizeOption,
  })
  .refine((options) => options.minTrades <= options.lookbackTrades, { message: 'minTrades must be <= lookbackTrades', path: ['minTrades'] });

/** Parsed options of the `kelly` risk model. */
export type KellyOptions = z.output<typeof kellyOptions>;
/** Options of the `kelly` risk model as written in config. */
export type KellyOptionsInput = z.input<typeof kellyOptions>;
