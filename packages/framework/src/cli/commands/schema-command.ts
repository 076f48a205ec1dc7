import { resolve } from 'node:path';
import { loadSystem } from '../../engine/load-system.js';
import type { CliIo } from '../cli-io.js';
import { configJsonSchema } from '../config-json-schema.js';
import { installedPlugins } from '../plugin-catalogue.js';

/** `grandmodel schema [--config file]`: prints the JSON Schema of the config with every installed plugin's options. */
export async function schemaCommand(options: { config?: string }, io: CliIo): Promise<number> {
  const registry = await installedPlugins(io.cwd);
  if (options.config !== undefined) {
    const system = await loadSystem(resolve(io.cwd, options.config), { env: io.env });
    for (const plugin of system.registry.list()) if (!registry.has(plugin.manifest.id)) registry.register([plugin.definition], plugin.origin);
  }
  io.stdout.write(`${JSON.stringify(configJsonSchema(registry), null, 2)}\n`);
  return 0;
}
