import { z } from 'zod';
import { SdkError } from '@grandmodel/framework';

/** Binding options every indicator plugin accepts besides its own parameters. */
export const bindingOptionsShape = {
  timeframe: z
    .string()
    .min(1)
    .optional()
    .describe('Timeframe of the bars fed to this indicator, e.g. "30m"; the base data timeframe when absent'),
  symbol: z.string().min(1).optional().describe('Symbol whose bars feed this indicator; every symbol when absent'),
};

/** Schema of a window length in bars. */
export function periodSchema(defaultValue: number, what = 'Window length in bars'): z.ZodDefault<z.ZodNumber> {
  return z.number().int().min(1).max(1_000_000).default(defaultValue).describe(what);
}

/**
 * Parses an indicator's options with its schema (applying defaults).
 * Throws `GM_INPUT_INVALID` naming the indicator, the option and the value received.
 */
export function parseIndicatorOptions<Schema extends z.ZodType>(schema: Schema, input: unknown, owner: string): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (path === '') return `${owner} options: ${issue.message}`;
    return `${owner} option "${path}": ${issue.message}, was ${describeValue(valueAt(input, issue.path))}`;
  });
  throw new SdkError('GM_INPUT_INVALID', problems.join('; '), { details: { owner, issues: result.error.issues } });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  return JSON.stringify(value) ?? String(value);
}
