import { isTimeframe } from '@grandmodel/framework';
import { z } from 'zod';

/** Option schema of a breach action (see `BreachAction`). */
export const breachActionSchema = z.enum(['none', 'reduce', 'halt', 'kill', 'flatten']);

/** Option `timeframe`: which bars a model measures returns or prices on. */
export const timeframeOption = z
  .string()
  .refine(isTimeframe, 'expected a timeframe such as 5m, 30m or 1d')
  .optional()
  .describe('Bars whose closes the model measures (e.g. 5m); default: the timeframe of the first closed bar it sees');

/** Option `maxInstruments`: preallocated room for instruments, so per-bar work never allocates. */
export const maxInstrumentsOption = z
  .number()
  .int()
  .min(1)
  .max(256)
  .default(8)
  .describe('Most instruments the model tracks; buffers are preallocated for this many (a further instrument is an error)');

/** Option `recovery`: whether trading returns to ACTIVE by itself once a market-risk measure is back within its limit. */
export const recoveryOption = z
  .enum(['automatic', 'manual'])
  .default('automatic')
  .describe('automatic: trading returns to ACTIVE once every limit is met again (if this model set the state); manual: only reset() does');

/** Option `lotSize`: quantity step that adjusted orders are rounded down to. */
export const lotSizeOption = z.number().positive().default(1).describe('Quantity step; adjusted order sizes are rounded down to a multiple of it');
