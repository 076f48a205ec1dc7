import { z } from 'zod';
import { PluginError } from '../errors/plugin-error.js';
import type { AnyPluginDefinition } from './define-plugin.js';
import { manifestSchema, PLUGIN_API_VERSION, type ResolvedManifest } from './manifest.js';

/** A registered plugin: its definition, its checked manifest and where it came from. */
export interface RegisteredPlugin {
  readonly definition: AnyPluginDefinition;
  readonly manifest: ResolvedManifest;
  /** Package name or file it was loaded from; `built-in` for the framework's own. */
  readonly origin: string;
}

/** The plugins a kernel or CLI knows, by id. Registration checks manifests and reports every problem at once. */
export class PluginRegistry {
  private readonly plugins = new Map<string, RegisteredPlugin>();

  /** Registers definitions; throws one PluginError listing every invalid manifest, API mismatch or duplicate. */
  register(definitions: readonly AnyPluginDefinition[], origin = 'code'): this {
    const problems: string[] = [];
    const accepted: RegisteredPlugin[] = [];
    for (const definition of definitions) {
      const parsed = manifestSchema.safeParse(definition.manifest);
      const label = `plugin "${String((definition.manifest as { id?: unknown } | undefined)?.id ?? '?')}" (${origin})`;
      if (!parsed.success) {
        problems.push(`${label}: invalid manifest: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
        continue;
      }
      const manifest = parsed.data;
      if (manifest.apiVersion !== PLUGIN_API_VERSION) {
        problems.push(`${label}: built for plugin API version ${manifest.apiVersion}, this framework implements version ${PLUGIN_API_VERSION}`);
        continue;
      }
      const existing = this.plugins.get(manifest.id) ?? accepted.find((plugin) => plugin.manifest.id === manifest.id);
      if (existing !== undefined) {
        if (existing.definition === definition) continue;
        problems.push(`${label}: id "${manifest.id}" is already registered by ${existing.origin}`);
        continue;
      }
      accepted.push({ definition, manifest, origin });
    }
    if (problems.length > 0) {
      const code = problems.every((problem) => problem.includes('plugin API version')) ? 'GM_PLUGIN_API_VERSION_MISMATCH' : problems.some((p) => p.includes('already registered')) && problems.length === 1 ? 'GM_PLUGIN_DUPLICATE_ID' : 'GM_PLUGIN_INVALID';
      throw new PluginError(code, `Cannot register ${problems.length} plugin${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
        details: { problems },
      });
    }
    for (const plugin of accepted) this.plugins.set(plugin.manifest.id, plugin);
    return this;
  }

  get(id: string): RegisteredPlugin | undefined {
    return this.plugins.get(id);
  }

  has(id: string): boolean {
    return this.plugins.has(id);
  }

  /** All plugins, sorted by id. */
  list(): readonly RegisteredPlugin[] {
    return [...this.plugins.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
  }
}
