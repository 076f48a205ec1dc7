import { existsSync, mkdirSync, openSync, closeSync, readSync, fstatSync, appendFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveClock, type Clock } from '../../clock/clock.js';
import { loadConfigSource } from '../../config/config-source.js';
import { interpolateEnv } from '../../config/interpolate-env.js';
import { BrokerError } from '../../errors/broker-error.js';
import { SdkError } from '../../errors/sdk-error.js';
import { Kernel } from '../../kernel/kernel.js';
import type { DataSource } from '../../kinds/data-source.js';
import { createLogger } from '../../logging/create-logger.js';
import type { Bar } from '../../model/bar.js';
import { isTimeframe, timeframeToMs } from '../../model/timeframe.js';
import { parseTime } from '../../engine/parse-time.js';
import { builtinPlugins } from '../../builtins/index.js';
import { loadPlugins } from '../../plugin/plugin-loader.js';
import { PluginRegistry } from '../../plugin/plugin-registry.js';
import type { CliIo } from '../cli-io.js';

/** Options of `grandmodel data fetch`. */
export interface DataFetchOptions {
  /** `ccxt:<exchange>` (e.g. `ccxt:binance`) or `alpaca`. */
  readonly source: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly from: string;
  /** Exclusive end; default: now. */
  readonly to?: string;
  readonly out: string;
  /** A config whose `data:` options for the same source supply credentials and endpoints. */
  readonly config?: string;
  /** Extra source options as `key=value` (dotted keys for nesting; values may use `${ENV}`; JSON values parsed). */
  readonly set?: readonly string[];
  /** Attempts per page when the venue rate-limits or drops (default 5). */
  readonly maxAttempts?: number;
}

/** What tests replace: the wait between attempts and the clock. */
export interface DataFetchDependencies {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly clock?: Clock;
}

const HEADER = 'timestamp,open,high,low,close,volume';
const SOURCES: Record<string, string> = { ccxt: 'ccxt-data', alpaca: 'alpaca-data' };

/**
 * `grandmodel data fetch --source ccxt:binance --symbol BTC/USDT --timeframe 1m --from 2024-01-01 --out btc.csv`:
 * downloads closed bars into a CSV file the `csv` source reads. Resumable: an existing file is continued after its
 * last timestamp. Pages through the venue's history; when the venue rate-limits or drops, waits (Retry-After when
 * given) and resumes from the last row written.
 */
export async function dataFetchCommand(options: DataFetchOptions, io: CliIo, dependencies: DataFetchDependencies = {}): Promise<number> {
  const clock = dependencies.clock ?? new LiveClock();
  const sleep = dependencies.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const fail = (message: string): number => {
    io.stderr.write(`data fetch: ${message}\n`);
    return 1;
  };
  const [kind, exchange] = options.source.split(':', 2) as [string, string | undefined];
  const pluginId = SOURCES[kind];
  if (pluginId === undefined || (kind === 'ccxt' && !exchange)) return fail(`--source: expected ccxt:<exchange> (e.g. ccxt:binance) or alpaca, was "${options.source}"`);
  if (!isTimeframe(options.timeframe)) return fail(`--timeframe: expected a timeframe such as 1m, 5m or 1h, was "${options.timeframe}"`);
  const timeframeMs = timeframeToMs(options.timeframe);
  const out = resolve(io.cwd, options.out);
  let from: number;
  let to: number;
  try {
    from = parseTime(options.from, '--from');
    to = options.to === undefined ? clock.now() : parseTime(options.to, '--to');
  } catch (error) {
    return fail((error as Error).message);
  }
  const last = lastTimestamp(out);
  if (last !== undefined) {
    from = Math.max(from, last + timeframeMs);
    io.stdout.write(`${options.out}: resuming after ${new Date(last).toISOString()}\n`);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${HEADER}\n`);
  }
  if (from >= to) {
    io.stdout.write(`${options.out}: already complete up to ${new Date(to).toISOString()}\n`);
    return 0;
  }

  let sourceOptions: Record<string, unknown>;
  let secrets: string[];
  let specifiers: string[] = [];
  try {
    ({ sourceOptions, secrets, specifiers } = await buildOptions(options, pluginId, exchange, io));
  } catch (error) {
    return fail((error as Error).message);
  }
  const logger = createLogger({ level: 'warn', secrets, destination: { write: (line: string) => void io.stderr.write(line) } });
  const registry = await sourceRegistry(pluginId, specifiers, io.cwd);
  if (!registry.has(pluginId)) return fail(`no "${pluginId}" plugin is installed; install @grandmodel/plugins-brokers or list it in the config's plugins`);

  let written = 0;
  const maxAttempts = options.maxAttempts ?? 5;
  let attempt = 0;
  let cursor = from;
  while (cursor < to) {
    let kernel: Kernel | undefined;
    try {
      kernel = await Kernel.create({ plugins: registry, config: { data: { use: pluginId, options: sourceOptions }, logging: { level: 'warn' } }, clock, logger });
      const source = kernel.componentsOf('data')[0]!.instance as unknown as DataSource;
      for await (const batch of source.read({ from: cursor, to })) {
        const rows = (batch as readonly Bar[]).filter((bar) => bar.symbol === options.symbol && bar.start >= cursor && bar.start < to);
        if (rows.length === 0) continue;
        appendFileSync(out, rows.map((bar) => `${new Date(bar.start).toISOString()},${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume}\n`).join(''));
        written += rows.length;
        cursor = rows.at(-1)!.start + timeframeMs;
        attempt = 0;
      }
      await source.close?.();
      break;
    } catch (error) {
      attempt++;
      // Plugins may load through another module instance: recognise SDK errors by their brand, not by class
      const retryable = SdkError.is(error) && (error as Partial<BrokerError>).retryable === true;
      if (!retryable || attempt >= maxAttempts) {
        const code = SdkError.is(error) ? `${error.code}: ` : '';
        return fail(`${code}${(error as Error).message} (${written} bars written to ${options.out}; run again to resume)`);
      }
      const wait = Math.max((error as BrokerError).retryAfterMs ?? 0, 500 * 2 ** (attempt - 1));
      io.stderr.write(`data fetch: ${(error as BrokerError).code} at ${new Date(cursor).toISOString()}; retrying in ${wait} ms (attempt ${attempt + 1} of ${maxAttempts})\n`);
      await sleep(wait);
    } finally {
      await kernel?.dispose().catch(() => undefined);
    }
  }
  io.stdout.write(`${options.out}: ${written} bars of ${options.symbol} ${options.timeframe} written\n`);
  return 0;
}

// The plugin comes from @grandmodel/plugins-brokers (next to the project or to this CLI) or the config's plugins
async function sourceRegistry(pluginId: string, specifiers: readonly string[], cwd: string): Promise<PluginRegistry> {
  const registry = new PluginRegistry().register(builtinPlugins, 'built-in');
  const attempts: [string, string][] = [
    ...specifiers.map((specifier): [string, string] => [specifier, cwd]),
    ['@grandmodel/plugins-brokers', cwd],
    ['@grandmodel/plugins-brokers', dirname(fileURLToPath(import.meta.url))],
  ];
  for (const [specifier, baseDir] of attempts) {
    if (registry.has(pluginId)) break;
    try {
      for (const loaded of await loadPlugins([specifier], baseDir)) {
        for (const plugin of loaded.plugins) if (!registry.has(plugin.manifest.id)) registry.register([plugin], loaded.origin);
      }
    } catch {
      // Not installed there: try the next place
    }
  }
  return registry;
}

// Options of the source: the config's data block (same plugin), then --set values, then the command's own
async function buildOptions(options: DataFetchOptions, pluginId: string, exchange: string | undefined, io: CliIo) {
  let base: Record<string, unknown> = {};
  let specifiers: string[] = [];
  if (options.config !== undefined) {
    const source = await loadConfigSource(resolve(io.cwd, options.config));
    const raw = (source.raw ?? {}) as { data?: { use?: string; options?: Record<string, unknown> }; plugins?: string[] };
    if (raw.data?.use === pluginId) base = { ...(raw.data.options ?? {}) };
    specifiers = Array.isArray(raw.plugins) ? raw.plugins : [];
  }
  for (const assignment of options.set ?? []) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new SdkError('GM_CLI_USAGE', `--set: expected key=value, was "${assignment}"`);
    setPath(base, assignment.slice(0, at).split('.'), parseValue(assignment.slice(at + 1)));
  }
  const merged = { ...base, ...(exchange === undefined ? {} : { exchange }), symbols: [options.symbol], timeframe: options.timeframe, live: false };
  const interpolated = interpolateEnv(merged, io.env);
  if (interpolated.issues.length > 0) throw new SdkError('GM_CONFIG_ENV_MISSING', interpolated.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return { sourceOptions: interpolated.value as Record<string, unknown>, secrets: interpolated.secretValues, specifiers };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Timestamp of the last data row of a CSV written by this command, or undefined for a missing or empty file. */
function lastTimestamp(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const descriptor = openSync(file, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const length = Math.min(size, 4_096);
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('timestamp'));
    const lastLine = lines.at(-1);
    if (lastLine === undefined) return undefined;
    const time = Date.parse(lastLine.split(',')[0]!);
    if (Number.isNaN(time)) throw new SdkError('GM_DATA_BAD_ROW', `${file}: last row: field "timestamp": expected an ISO date-time, was "${lastLine.split(',')[0]}"`);
    return time;
  } finally {
    closeSync(descriptor);
  }
}
