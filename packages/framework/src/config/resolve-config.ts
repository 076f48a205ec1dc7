import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import type { PluginRegistry } from '../plugin/plugin-registry.js';
import type { ConfigSource } from './config-source.js';
import { COMPONENT_SECTIONS, configEnvelopeSchema, type ComponentEntry, type ComponentSection, type ResolvedConfig } from './envelope.js';
import { formatPath, parsePath } from './config-path.js';
import { interpolateEnv } from './interpolate-env.js';
import { applyOverrides } from './overrides.js';

/** Options of `resolveConfig`. */
export interface ResolveConfigOptions {
  /** Environment for `${VAR}` interpolation; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `key.path=value` overrides applied before validation (the CLI's `--set`). */
  readonly overrides?: readonly string[];
}

/** A resolved config plus the values that must be censored in logs. */
export interface ConfigResolution {
  readonly config: ResolvedConfig;
  readonly secretValues: readonly string[];
}

/**
 * Validates a config in two phases — the envelope, then each component's options with its plugin's schema —
 * and throws one ConfigError with every problem (path, and file line for YAML/JSON), or returns the frozen config.
 */
export function resolveConfig(source: ConfigSource, registry: PluginRegistry, options: ResolveConfigOptions = {}): ConfigResolution {
  const issues: ConfigIssue[] = [];
  const at = (path: readonly PropertyKey[], code: string, message: string): void => {
    const clean = path.filter((part): part is string | number => typeof part !== 'symbol');
    issues.push({ path: formatPath(clean), code, message, line: source.lineOf(clean), file: source.file });
  };

  const interpolated = interpolateEnv(source.raw ?? {}, options.env ?? process.env);
  for (const issue of interpolated.issues) at(issue.path === '' ? [] : parsePath(issue.path), issue.code, issue.message);
  const withOverrides = applyOverrides(interpolated.value, options.overrides ?? [], (path, message) => at(path, 'override', message));

  const envelope = configEnvelopeSchema.safeParse(withOverrides);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) at(issue.path, issue.code, issue.message);
    throw new ConfigError(issues, source.file);
  }

  const seenIds = new Map<string, string>();
  const resolved: Record<string, unknown> = { ...envelope.data };
  for (const [section, kind] of Object.entries(COMPONENT_SECTIONS) as [ComponentSection, string][]) {
    const value = envelope.data[section];
    if (value === undefined) continue;
    const entries = Array.isArray(value) ? value : [value];
    const parsed = entries.map((entry, index) => {
      const path: (string | number)[] = Array.isArray(value) ? [section, index] : [section];
      const id = entry.id ?? entry.use;
      const previous = seenIds.get(id);
      if (previous !== undefined) at([...path, 'id'], 'duplicate_id', `instance id "${id}" is already used at ${previous}; give one of them a distinct id`);
      else seenIds.set(id, formatPath(path));
      const plugin = registry.get(entry.use);
      if (plugin === undefined) {
        const known = registry.list().filter((p) => p.manifest.kind === kind).map((p) => p.manifest.id);
        at([...path, 'use'], 'unknown_plugin', `no installed plugin is named "${entry.use}"; ${kind} plugins available: ${known.join(', ') || 'none'} (add the package to \`plugins:\`)`);
        return { ...entry, id, options: {} };
      }
      if (plugin.manifest.kind !== kind) {
        at([...path, 'use'], 'kind_mismatch', `plugin "${entry.use}" is a ${plugin.manifest.kind}, but ${section} expects a ${kind}`);
        return { ...entry, id, options: {} };
      }
      const result = plugin.definition.options.safeParse(entry.options ?? {});
      if (!result.success) {
        for (const issue of result.error.issues) at([...path, 'options', ...issue.path], issue.code, issue.message);
        return { ...entry, id, options: {} };
      }
      return { ...entry, id, options: Object.freeze(result.data) } as ComponentEntry;
    });
    resolved[section] = Array.isArray(value) ? parsed : parsed[0];
  }
  if (issues.length > 0) throw new ConfigError(issues, source.file);

  const config = deepFreeze({ ...resolved, secretPaths: interpolated.secretPaths, baseDir: source.baseDir, source: source.file }) as unknown as ResolvedConfig;
  return { config, secretValues: interpolated.secretValues };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Returns the JSON Schema of the envelope (plugin options are added by `configJsonSchema`). */
export function envelopeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configEnvelopeSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
