import { relative } from 'node:path';
import { createLogger } from '../../logging/create-logger.js';
import { runSystem } from '../../engine/run-system.js';
import type { CliIo } from '../cli-io.js';
import { ProgressReporter } from '../progress-reporter.js';

/** Options of `grandmodel run`. */
export interface RunCommandOptions {
  readonly mode?: 'backtest' | 'paper' | 'live';
  readonly from?: string;
  readonly to?: string;
  readonly out?: string;
  readonly seed?: string;
  readonly set?: string[];
  readonly quiet?: boolean;
}

/** `grandmodel run <config>`: runs a system and writes its run folder. */
export async function runCommand(file: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const progress = options.quiet ? undefined : new ProgressReporter(io.stderr, 'run');
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  const { dir, summary, result } = await runSystem({
    config: relativeTo(io.cwd, file),
    mode: options.mode,
    from: options.from,
    to: options.to,
    seed,
    out: options.out === undefined ? undefined : relativeTo(io.cwd, options.out),
    set: options.set,
    env: io.env,
    logger: createLogger({ level: options.quiet ? 'warn' : 'info' }),
    onProgress: progress === undefined ? undefined : (count, time) => progress.update(count, time),
  });
  progress?.done(result.barsProcessed);
  const s = summary.statistics as unknown as Record<string, number | null>;
  const pct = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(2)}%`);
  const num = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? 'n/a' : value.toFixed(digits));
  io.stdout.write(
    [
      `run folder: ${relative(io.cwd, dir) || '.'}`,
      `  bars ${result.barsProcessed}, trades ${s['trades']}, ${result.stoppedEarly ? `stopped early: ${result.stopReason}` : 'completed'}`,
      `  total return ${pct(s['totalReturn'])}, max drawdown ${pct(s['maxDrawdown'])}, sharpe ${num(s['sharpe'])}, win rate ${pct(s['winRate'])}`,
      `  equity ${num(s['startEquity'])} → ${num(s['endEquity'])}, fees ${num(s['fees'])}`,
      `  report: ${relative(io.cwd, dir)}/report.html`,
      '',
    ].join('\n'),
  );
  return 0;
}

function relativeTo(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd}/${path}`;
}
