import { ConfigError } from '@grandmodel/framework';
import type { ConfigIssue } from '@grandmodel/framework';
import { z } from 'zod';

/** The binding options every GrandModel indicator plugin accepts. */
export const bindingOptionsShape = {
  timeframe: z.string().min(1).optional().describe('Timeframe of the bars fed to this indicator, e.g. "30m"; the base timeframe when absent'),
  symbol: z.string().min(1).optional().describe('Symbol fed to this indicator; every symbol when absent'),
};

/** Column-name suffix option shared by the indicators that run on a price source (e.g. "_close"). */
export const outputSuffixOption = z
  .string()
  .regex(/^[a-z0-9_]*$/, 'expected lowercase letters, digits and underscores')
  .default('')
  .describe('Appended to every output name, e.g. "_close" for the research-profile columns');

/** Price source of MLMI and NW-RQK: Heiken-Ashi close (engine profile) or raw close (research profile). */
export const priceSourceOption = z
  .enum(['ha_close', 'close'])
  .default('ha_close')
  .describe('Price series: "ha_close" (engine profile) or "close" (research profile)');

/**
 * Parses indicator options with their schema, filling defaults.
 * Throws a `ConfigError` naming the indicator and each offending option.
 */
export function parseIndicatorOptions<Schema extends z.ZodType>(schema: Schema, input: unknown, indicator: string): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    path: [indicator, 'options', ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
  throw new ConfigError(issues);
}
