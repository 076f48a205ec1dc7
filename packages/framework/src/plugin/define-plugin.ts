import type { z } from 'zod';
import type { PluginManifest } from './manifest.js';
import type { Lifecycle, PluginContext } from './plugin-context.js';

/** The options schema of a plugin: a zod object, ideally strict, with defaults and descriptions. */
export type OptionsSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/**
 * A side-effect-free plugin definition: data about the plugin plus one factory.
 * Import it and pass it to `createKernel({ plugins })` or list its package in config `plugins:`.
 */
export interface PluginDefinition<Schema extends OptionsSchema = OptionsSchema, Component = unknown> {
  readonly manifest: PluginManifest;
  readonly options: Schema;
  create(ctx: PluginContext<z.output<Schema>>): (Component & Lifecycle) | Promise<Component & Lifecycle>;
}

/** Any plugin definition, whatever its options and component types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPluginDefinition = PluginDefinition<any, any>;

const PLUGIN_BRAND = Symbol.for('@grandmodel/plugin');

/**
 * Defines a plugin. Returns the definition unchanged (frozen and branded) with its types inferred.
 * @example
 * export const sma = definePlugin({
 *   manifest: { id: 'sma', kind: 'indicator', version: '1.0.0', apiVersion: 1 },
 *   options: z.strictObject({ period: z.number().int().positive().default(14).describe('Window in bars') }),
 *   create: (ctx) => new SimpleMovingAverage(ctx.options.period),
 * });
 */
export function definePlugin<Schema extends OptionsSchema, Component>(
  definition: PluginDefinition<Schema, Component>,
): PluginDefinition<Schema, Component> {
  return Object.freeze(Object.defineProperty({ ...definition }, PLUGIN_BRAND, { value: true }));
}

/** Returns true for a value made by `definePlugin` (even by another copy of the framework). */
export function isPluginDefinition(value: unknown): value is AnyPluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_BRAND] === true;
}
