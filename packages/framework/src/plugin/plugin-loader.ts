import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importModule } from '../config/config-source.js';
import { PluginError } from '../errors/plugin-error.js';
import { toError } from '../errors/sdk-error.js';
import { isPluginDefinition, type AnyPluginDefinition } from './define-plugin.js';

/** Plugins found in one module, with the specifier they came from. */
export interface LoadedPlugins {
  readonly origin: string;
  readonly plugins: readonly AnyPluginDefinition[];
}

/** Collects plugin definitions from a module's exports: single definitions and arrays of them (presets). */
export function collectPlugins(exports: unknown): AnyPluginDefinition[] {
  const found: AnyPluginDefinition[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (seen.has(value) || depth > 2) return;
    if (isPluginDefinition(value)) {
      seen.add(value);
      found.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    }
  };
  for (const value of Object.values((exports ?? {}) as Record<string, unknown>)) visit(value, 0);
  return found;
}

/**
 * Loads plugins from npm package names or local `.ts`/`.js` files (relative to `baseDir`). TypeScript files
 * load through tsx, without a build step. Throws one PluginError listing every module that failed.
 */
export async function loadPlugins(specifiers: readonly string[], baseDir: string): Promise<LoadedPlugins[]> {
  const loaded: LoadedPlugins[] = [];
  const problems: string[] = [];
  for (const specifier of specifiers) {
    let exports: unknown;
    try {
      exports = await importModule(specifier, baseDir);
    } catch (cause) {
      problems.push(`"${specifier}": cannot be loaded from ${baseDir}: ${toError(cause).message.split('\n')[0]}`);
      continue;
    }
    const plugins = collectPlugins(exports);
    if (plugins.length === 0) problems.push(`"${specifier}": exports no plugin definition (export values made with definePlugin, or arrays of them)`);
    else loaded.push({ origin: specifier, plugins });
  }
  if (problems.length > 0) {
    const code = problems.every((p) => p.includes('cannot be loaded')) ? 'GM_PLUGIN_NOT_FOUND' : 'GM_PLUGIN_INVALID';
    throw new PluginError(code, `Cannot load ${problems.length} plugin module${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return loaded;
}

/**
 * Finds installed plugin packages visible from `fromDir`: `@grandmodel/plugins-*` and any package whose
 * package.json lists the keyword `grandmodel-plugin`, in the nearest node_modules folders.
 */
export function discoverPluginPackages(fromDir: string): string[] {
  const names = new Set<string>();
  let dir = resolve(fromDir);
  for (;;) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules)) {
      const scoped = join(modules, '@grandmodel');
      if (existsSync(scoped)) for (const entry of readdirSync(scoped)) if (entry.startsWith('plugins-')) names.add(`@grandmodel/${entry}`);
      for (const name of dependencyNames(join(dir, 'package.json'))) {
        if (hasPluginKeyword(join(modules, name, 'package.json'))) names.add(name);
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [...names].sort();
}

function dependencyNames(packageJson: string): string[] {
  if (!existsSync(packageJson)) return [];
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, Record<string, string> | undefined>;
  return [...Object.keys(manifest['dependencies'] ?? {}), ...Object.keys(manifest['devDependencies'] ?? {})];
}

function hasPluginKeyword(packageJson: string): boolean {
  if (!existsSync(packageJson)) return false;
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { keywords?: unknown };
  return Array.isArray(manifest.keywords) && manifest.keywords.includes('grandmodel-plugin');
}
