import { resolve } from 'node:path';
import { requestKill } from '../../engine/kill-control.js';
import type { CliIo } from '../cli-io.js';

/** `grandmodel kill <runDir>`: engages the kill switch of the process running that folder. */
export async function killCommand(runDir: string, options: { reason?: string; flatten?: boolean }, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, runDir);
  const pid = requestKill(dir, { reason: options.reason ?? 'operator request', flatten: options.flatten !== false, by: 'operator' });
  io.stdout.write(`kill switch requested for ${runDir} (process ${pid})${options.flatten === false ? '' : ', flattening positions'}\n`);
  return 0;
}
