import { resolve } from 'node:path';
import { SdkError } from '../../errors/sdk-error.js';
import { syntheticMarketOptions } from './synthetic-market-options.js';
import { writeSyntheticCsv } from './write-synthetic-csv.js';

/** Arguments of `grandmodel data synth` (flag values may arrive as strings). */
export interface DataSynthArgs {
  readonly symbol: string;
  readonly from: string | number;
  readonly to: string | number;
  readonly seed: string | number;
  /** Output CSV path; relative paths resolve against `baseDir`. */
  readonly out: string;
  readonly timeframe?: string;
  readonly tickSize?: string | number;
  readonly startPrice?: string | number;
  /** Folder `out` is relative to; the working directory by default. */
  readonly baseDir?: string;
}

/** What `grandmodel data synth` wrote. */
export interface DataSynthResult {
  /** Absolute path of the CSV file. */
  readonly path: string;
  readonly rows: number;
}

const FLAGS: Readonly<Record<string, string>> = { tickSize: '--tick-size', startPrice: '--start-price' };

/**
 * Runs `grandmodel data synth --symbol NQ --from 2024-01-01 --to 2024-02-01 --seed 7 --out nq.csv`:
 * validates the flags (GM_CLI_USAGE naming each bad flag) and writes the synthetic CSV.
 */
export async function runDataSynth(args: DataSynthArgs): Promise<DataSynthResult> {
  const input = {
    symbol: args.symbol,
    from: args.from,
    to: args.to,
    seed: toNumber(args.seed),
    ...(args.timeframe === undefined ? {} : { timeframe: args.timeframe }),
    ...(args.tickSize === undefined ? {} : { tickSize: toNumber(args.tickSize) }),
    ...(args.startPrice === undefined ? {} : { startPrice: toNumber(args.startPrice) }),
  };
  const parsed = syntheticMarketOptions.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const value = (args as unknown as Record<string, unknown>)[key];
      const message = issue.code === 'invalid_type' ? 'expected a number' : issue.message;
      return `${FLAGS[key] ?? `--${key}`}: ${message}${value === undefined || message.includes(', was') ? '' : `, was ${JSON.stringify(value)}`}`;
    });
    throw new SdkError('GM_CLI_USAGE', `grandmodel data synth: invalid arguments:\n  ${problems.join('\n  ')}`, { details: { problems } });
  }
  if (args.out.trim() === '') throw new SdkError('GM_CLI_USAGE', 'grandmodel data synth: --out: expected an output file path, was ""');
  const path = resolve(args.baseDir ?? process.cwd(), args.out);
  const rows = await writeSyntheticCsv(parsed.data, path);
  return { path, rows };
}

// Flag strings become numbers; text that is not a number stays as is so the schema reports it
function toNumber(value: string | number): string | number {
  if (typeof value === 'number') return value;
  const number = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}
