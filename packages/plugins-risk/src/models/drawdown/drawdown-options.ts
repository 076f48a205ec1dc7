import { z } from 'zod';
import { breachActionSchema, lotSizeOption } from '../shared/common-options.js';

/** One step of the drawdown ladder. */
export const drawdownStepSchema = z.strictObject({
  drawdown: z.number().gt(0).lt(1).describe('Drawdown from the equity peak that triggers the step (0.10 = 10 %)'),
  action: breachActionSchema.describe('What crossing it does: none, reduce, halt, kill or flatten'),
  sizeMultiplier: z.number().min(0).max(1).optional().describe('While the drawdown is at or beyond this step, entry quantities are scaled by this'),
});

/** Options of the `drawdown` risk model. */
export const drawdownOptions = z
  .strictObject({
    steps: z
      .array(drawdownStepSchema)
      .min(1)
      .default([
        { drawdown: 0.1, action: 'reduce' },
        { drawdown: 0.15, action: 'halt' },
        { drawdown: 0.2, action: 'flatten' },
      ])
      .describe('Circuit-breaker ladder, in increasing drawdown order'),
    dailyLossLimit: z
      .number()
      .gt(0)
      .lt(1)
      .nullable()
      .default(0.05)
      .describe('Largest loss within one session as a fraction of the equity at its start; null turns it off'),
    dailyLossAction: breachActionSchema.default('halt').describe('What hitting the daily loss limit does; reduce and halt are lifted at the next session'),
    sessionStart: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour UTC time HH:MM such as "22:00"')
      .default('00:00')
      .describe('UTC time at which a trading session (for the daily loss limit) starts'),
    lotSize: lotSizeOption,
  })
  .refine((options) => options.steps.every((step, index) => index === 0 || step.drawdown > options.steps[index - 1]!.drawdown), {
    message: 'steps must be in strictly increasing drawdown order',
    path: ['steps'],
  });

/** Parsed options of the `drawdown` risk model. */
export type DrawdownOptions = z.output<typeof drawdownOptions>;
/** Options of the `drawdown` risk model as written in config. */
export type DrawdownOptionsInput = z.input<typeof drawdownOptions>;
