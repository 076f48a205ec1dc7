import { z } from 'zod';
import { builtinPlugins } from '../builtins/index.js';
import { discoverPluginPackages, loadPlugins } from '../plugin/plugin-loader.js';
import { PluginRegistry, type RegisteredPlugin } from '../plugin/plugin-registry.js';

/** One option of a plugin, as shown by `grandmodel plugins`. */
export interface OptionInfo {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly required: boolean;
}

/**
 * Builds a registry of the built-ins plus every installed plugin package visible from `fromDir`. A discovered
 * package that cannot be loaded or exports no plugin is skipped and reported through `onSkipped`; packages
 * named in `extra` must load.
 */
export async function installedPlugins(fromDir: string, extra: readonly string[] = [], onSkipped?: (message: string) => void): Promise<PluginRegistry> {
  const registry = new PluginRegistry().register(builtinPlugins, 'built-in');
  for (const specifier of discoverPluginPackages(fromDir)) {
    try {
      for (const loaded of await loadPlugins([specifier], fromDir)) registry.register(loaded.plugins, loaded.origin);
    } catch (error) {
      onSkipped?.(`skipped ${specifier}: ${(error as Error).message.split('\n').slice(-1)[0]!.replace(/^\s*- /, '')}`);
    }
  }
  for (const loaded of await loadPlugins(extra, fromDir)) registry.register(loaded.plugins, loaded.origin);
  return registry;
}

/** Returns the JSON Schema (input side) of a plugin's options. */
export function optionsJsonSchema(plugin: RegisteredPlugin): Record<string, unknown> {
  return z.toJSONSchema(plugin.definition.options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** Lists a plugin's options with type, default and description, from its zod schema. */
export function describeOptions(plugin: RegisteredPlugin): OptionInfo[] {
  const schema = optionsJsonSchema(plugin);
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeName(property),
    default: property['default'],
    description: property['description'] as string | undefined,
    required: required.has(name) && property['default'] === undefined,
  }));
}

function typeName(property: Record<string, unknown>): string {
  if (Array.isArray(property['enum'])) return (property['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (typeof property['type'] === 'string') {
    if (property['type'] === 'array') return `${typeName((property['items'] ?? {}) as Record<string, unknown>)}[]`;
    return property['type'] as string;
  }
  const union = (property['anyOf'] ?? property['oneOf']) as Record<string, unknown>[] | undefined;
  if (Array.isArray(union)) return union.map(typeName).join(' | ');
  return 'any';
}
