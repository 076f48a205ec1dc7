import type { CliIo } from '../cli-io.js';
import { describeOptions, installedPlugins } from '../plugin-catalogue.js';

/** `grandmodel plugins [--json]`: lists installed plugins with kind, version and options. */
export async function pluginsCommand(options: { json?: boolean }, io: CliIo): Promise<number> {
  const skipped: string[] = [];
  const registry = await installedPlugins(io.cwd, [], (message) => skipped.push(message));
  for (const message of skipped) io.stderr.write(`note: ${message}\n`);
  const rows = registry.list().map((plugin) => ({
    id: plugin.manifest.id,
    kind: plugin.manifest.kind,
    version: plugin.manifest.version,
    origin: plugin.origin,
    description: plugin.manifest.description ?? '',
    options: describeOptions(plugin),
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`${row.id}  ${row.kind}  v${row.version}  (${row.origin})${row.description ? `  ${row.description}` : ''}`);
    for (const option of row.options) {
      const fallback = option.default === undefined ? (option.required ? 'required' : 'optional') : `default ${JSON.stringify(option.default)}`;
      lines.push(`    ${option.name}: ${option.type}, ${fallback}${option.description ? ` — ${option.description}` : ''}`);
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
