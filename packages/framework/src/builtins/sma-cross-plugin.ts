import { z } from 'zod';
import { TOKENS } from '../di/tokens.js';
import { isTimeframe } from '../model/timeframe.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { PLUGIN_API_VERSION } from '../plugin/manifest.js';
import { SmaCrossAgent } from './sma-cross-agent.js';

/** Options of the `sma-cross` agent. */
export const smaCrossOptions = z
  .strictObject({
    fast: z.number().int().positive().default(10).describe('Fast SMA length in bars'),
    slow: z.number().int().positive().default(30).describe('Slow SMA length in bars'),
    timeframe: z.string().refine(isTimeframe, 'expected a timeframe such as 5m').optional().describe('Bars it trades on; default: every bar it receives'),
    symbol: z.string().optional().describe('Symbol it trades; default: every symbol'),
    quantity: z.number().positive().default(1).describe('Target position size in units'),
    allowShort: z.boolean().default(true).describe('Go short on a downward cross (otherwise go flat)'),
  })
  .refine((options) => options.fast < options.slow, { message: 'fast must be smaller than slow', path: ['fast'] });

/**
 * Built-in example agent: SMA crossover. Target +quantity after the fast SMA crosses above the slow one,
 * −quantity (or flat) after it crosses below; it orders the difference.
 * @example
 * agents: [{ use: sma-cross, options: { fast: 10, slow: 30, timeframe: 5m, quantity: 1 } }]
 */
export const smaCrossPlugin = definePlugin({
  manifest: { id: 'sma-cross', kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'SMA crossover example strategy' },
  options: smaCrossOptions,
  create: (ctx) => new SmaCrossAgent(ctx.options, ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio)),
});
