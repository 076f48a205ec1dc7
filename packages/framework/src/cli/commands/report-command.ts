import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SdkError } from '../../errors/sdk-error.js';
import { buildReportIfWanted } from '../../engine/report-step.js';
import type { CliIo } from '../cli-io.js';

/** `grandmodel report <runDir>`: rebuilds report.html from the files of a run folder. */
export async function reportCommand(runDir: string, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, runDir);
  if (!existsSync(join(dir, 'summary.json'))) throw new SdkError('GM_RUN_INVALID', `${runDir} is not a run folder: summary.json is missing`);
  await buildReportIfWanted(dir);
  io.stdout.write(`wrote ${relative(io.cwd, join(dir, 'report.html'))}\n`);
  return 0;
}
