import { resolve } from 'node:path';
import { loadSystem } from '../../engine/load-system.js';
import type { CliIo } from '../cli-io.js';

/** `grandmodel validate <file>`: reports every problem with path and line, or prints a short summary. */
export async function validateCommand(file: string, io: CliIo): Promise<number> {
  const { config, registry } = await loadSystem(resolve(io.cwd, file), { env: io.env });
  const components = (['data', 'indicators', 'agents', 'risk', 'broker', 'execution', 'services'] as const).flatMap((section) => {
    const value = config[section];
    const entries = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return entries.map((entry) => `  ${section.padEnd(10)} ${entry.id}${entry.id === entry.use ? '' : ` (${entry.use})`}`);
  });
  io.stdout.write(
    [
      `${file}: valid`,
      `  name       ${config.name}`,
      `  mode       ${config.mode}`,
      `  bars       ${config.bars.length === 0 ? '(data timeframe)' : config.bars.join(', ')}`,
      ...components,
      `  plugins    ${registry.list().length} available`,
      '',
    ].join('\n'),
  );
  return 0;
}
