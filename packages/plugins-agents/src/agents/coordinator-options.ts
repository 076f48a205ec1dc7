import { z } from 'zod';

/** Options of the generic `coordinator` agent. */
export const coordinatorOptions = z
  .strictObject({
    sources: z
      .array(
        z.strictObject({
          id: z.string().min(1).describe('Signal source: the `source` of its signal.emitted events (an agent\'s instance id)'),
          weight: z.number().min(0).default(1).describe('Static weight (prior) of this source'),
        }),
      )
      .min(1)
      .describe('Signal agents this coordinator listens to; list them before it in agents:'),
    mode: z
      .enum(['weighted-vote', 'gating'])
      .default('weighted-vote')
      .describe('weighted-vote: static weights; gating: weights × exp(sharpness · recent accuracy) of each source'),
    threshold: z.number().min(0).max(1).default(0.65).describe('Minimum score of the winning direction to decide buy/sell (scores are weight-normalised, so 0..1)'),
    timeframe: z.string().default('5m').describe('Bars the coordinator decides on; signals stamped with that bar\'s close are collected'),
    symbol: z.string().min(1).optional().describe('Symbol to coordinate; every symbol when absent (single-instrument runs)'),
    barrier: z
      .strictObject({
        timeoutMs: z.number().int().positive().default(250).describe('Paper/live: wait at most this long for missing sources after the bar closes'),
      })
      .prefault({})
      .describe('Per-bar barrier: in paper/live mode the decision waits for every source or the timeout; backtests never wait'),
    gating: z
      .strictObject({
        sharpness: z.number().min(0).default(4).describe('β in weight ∝ prior · exp(β · accuracy)'),
        decay: z.number().gt(0).max(1).default(0.05).describe('EWMA weight of each new accuracy score (+1 right, −1 wrong, 0 flat)'),
        horizonBars: z.number().int().positive().default(1).describe('Bars after a signal at which its direction is scored against the price move'),
      })
      .prefault({})
      .describe('Online gating by each source\'s recent directional accuracy (mode gating)'),
    publishHolds: z.boolean().default(false).describe('Publish decision.made for hold outcomes too (one event per bar)'),
  })
  .superRefine((options, context) => {
    const seen = new Set<string>();
    options.sources.forEach((source, index) => {
      if (seen.has(source.id)) context.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `source "${source.id}" is listed twice` });
      seen.add(source.id);
    });
    if (options.sources.every((source) => source.weight === 0)) context.addIssue({ code: 'custom', path: ['sources'], message: 'expected at least one source with a weight above 0' });
  });

/** Parsed options of the coordinator. */
export type CoordinatorOptions = z.output<typeof coordinatorOptions>;
