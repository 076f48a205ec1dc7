import { relative } from 'node:path';
import { runDataSynth, type DataSynthArgs } from '../../data/synthetic/run-data-synth.js';
import type { CliIo } from '../cli-io.js';

/** `grandmodel data synth`: writes a seeded synthetic 1-minute market to a CSV file. */
export async function dataSynthCommand(options: Omit<DataSynthArgs, 'baseDir'>, io: CliIo): Promise<number> {
  const { path, rows } = await runDataSynth({ ...options, baseDir: io.cwd });
  io.stdout.write(`wrote ${rows} bars of ${options.symbol} to ${relative(io.cwd, path)}\n`);
  return 0;
}
