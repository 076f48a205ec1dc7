import { loadConfigSource, objectConfigSource, type ConfigSource } from '../config/config-source.js';
import type { ConfigInput, ResolvedConfig } from '../config/envelope.js';
import { resolveConfig } from '../config/resolve-config.js';
import { builtinPlugins } from '../builtins/index.js';
import { loadPlugins } from '../plugin/plugin-loader.js';
import { PluginRegistry } from '../plugin/plugin-registry.js';
import type { AnyPluginDefinition } from '../plugin/define-plugin.js';

/** A config with every plugin it needs loaded and its options validated. */
export interface LoadedSystem {
  readonly config: ResolvedConfig;
  readonly registry: PluginRegistry;
  readonly secretValues: readonly string[];
}

/** Options of `loadSystem`. */
export interface LoadSystemOptions {
  readonly overrides?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Plugins passed in code, in addition to the built-ins and the config's `plugins:`. */
  readonly plugins?: readonly AnyPluginDefinition[];
  /** Folder for relative paths when the config is an object. */
  readonly baseDir?: string;
}

/**
 * Reads a config (file path or object), loads the built-in plugins and every module listed in its
 * `plugins:`, and validates it in two phases. A config without `broker:` gets the simulated broker.
 */
export async function loadSystem(config: string | ConfigInput, options: LoadSystemOptions = {}): Promise<LoadedSystem> {
  const source: ConfigSource = typeof config === 'string' ? await loadConfigSource(config) : objectConfigSource(config, options.baseDir ?? process.cwd());
  const raw = (source.raw ?? {}) as Record<string, unknown>;
  const withBroker = raw['broker'] === undefined && typeof raw === 'object' ? { ...source, raw: { ...raw, broker: { use: 'sim' } } } : source;
  const registry = new PluginRegistry().register(builtinPlugins, 'built-in');
  if (options.plugins !== undefined) registry.register(options.plugins, 'code');
  const specifiers = Array.isArray(raw['plugins']) ? (raw['plugins'] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  for (const loaded of await loadPlugins(specifiers, source.baseDir)) registry.register(loaded.plugins, loaded.origin);
  const { config: resolved, secretValues } = resolveConfig(withBroker, registry, { overrides: options.overrides, env: options.env });
  return { config: resolved, registry, secretValues };
}
