import { z } from 'zod';

/** The plugin API version this framework implements; plugins declare the version they were built for. */
export const PLUGIN_API_VERSION = 1;

/** Plugin kinds; each selects a contract in `kinds/` and a config section. */
export const PLUGIN_KINDS = ['data-source', 'indicator', 'agent', 'risk-model', 'broker', 'execution-algorithm', 'service'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** Schema of a plugin manifest. */
export const manifestSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'expected a kebab-case id such as "sma" or "acme/my-agent"')
    .describe('Unique plugin id; the `use:` key in config'),
  kind: z.enum(PLUGIN_KINDS).describe('Which contract the created component implements'),
  version: z.string().regex(/^\d+\.\d+\.\d+/, 'expected a semver version such as 1.0.0').describe('Plugin version'),
  apiVersion: z.number().int().positive().describe('Plugin API version the plugin was built for'),
  description: z.string().optional().describe('One-line description shown by `grandmodel plugins`'),
  dependsOn: z.array(z.string()).default([]).describe('Plugin ids that must be configured too'),
  capabilities: z.record(z.string(), z.union([z.boolean(), z.literal('emulated')])).default({}).describe('Feature map (brokers, data sources)'),
});

/** What a plugin says about itself. */
export type PluginManifest = z.input<typeof manifestSchema>;
export type ResolvedManifest = z.output<typeof manifestSchema>;
