import { basename, extname, relative, resolve } from 'node:path';
import { formatIsoTime, formatNumber } from '../../analytics/format/format-number.js';
import { TextFileWriter } from '../../analytics/output/text-file-writer.js';
import { EventBus } from '../../bus/event-bus.js';
import { ScopedBus } from '../../bus/scoped-bus.js';
import { SimulatedClock } from '../../clock/clock.js';
import { CsvDataSource } from '../../data/csv/csv-data-source.js';
import { loadSystem } from '../../engine/load-system.js';
import { PluginError } from '../../errors/plugin-error.js';
import { SdkError } from '../../errors/sdk-error.js';
import type { IndicatorComponent } from '../../kinds/indicator.js';
import { createSilentLogger } from '../../logging/create-logger.js';
import type { Bar } from '../../model/bar.js';
import type { PluginRegistry } from '../../plugin/plugin-registry.js';
import { SeededRandom } from '../../random/seeded-random.js';
import type { CliIo } from '../cli-io.js';
import { installedPlugins } from '../plugin-catalogue.js';

/** Options of `grandmodel indicators`. */
export interface IndicatorsCommandOptions {
  readonly data: string;
  readonly out: string;
  readonly use?: string;
  readonly preset?: string;
  readonly config?: string;
  readonly symbol?: string;
  readonly timezone?: string;
  readonly tickSize?: string;
}

/** A created indicator and how its columns are named. */
interface Column {
  readonly id: string;
  readonly component: IndicatorComponent & { readonly latestValues?: Float64Array };
  readonly names: readonly string[];
}

/** A component that formats its own rows (feature-export presets such as `grandmodel-30m`). */
interface RowFormatter {
  csvHeader(): string;
  formatCsvRow(bar: Bar): string;
}

/**
 * `grandmodel indicators`: streams a bar file through indicators and writes one row per bar. Plugins whose
 * manifest declares `namedColumns` (the GrandModel indicators) keep their output names; others are written
 * as `<id>_<output>`. A preset that formats its own rows (`--preset grandmodel-30m`) writes exactly its columns.
 */
export async function indicatorsCommand(options: IndicatorsCommandOptions, io: CliIo): Promise<number> {
  if (options.use === undefined && options.preset === undefined && options.config === undefined) {
    throw new SdkError('GM_CLI_USAGE', 'grandmodel indicators: choose indicators with --use id[,id...], --preset <id> or --config <file>');
  }
  const registry = await installedPlugins(io.cwd);
  const entries: { use: string; id: string; options: Record<string, unknown> }[] = [];
  if (options.config !== undefined) {
    const system = await loadSystem(resolve(io.cwd, options.config), { env: io.env });
    for (const plugin of system.registry.list()) if (!registry.has(plugin.manifest.id)) registry.register([plugin.definition], plugin.origin);
    for (const entry of system.config.indicators) entries.push({ use: entry.use, id: entry.id, options: { ...entry.options } });
  }
  const tickSize = options.tickSize === undefined ? undefined : Number(options.tickSize);
  if (options.preset !== undefined) entries.push({ use: options.preset, id: options.preset, options: tickSize === undefined ? {} : { tickSize } });
  for (const id of options.use?.split(',').map((part) => part.trim()).filter(Boolean) ?? []) entries.push({ use: id, id, options: {} });

  const columns = await createColumns(entries, registry, tickSize);
  const source = new CsvDataSource(
    CsvDataSource.fromOptions({ path: resolve(io.cwd, options.data), symbol: options.symbol ?? basename(options.data, extname(options.data)), timezone: options.timezone ?? 'UTC' }).options,
    { baseDir: io.cwd },
  );
  const preset = columns.length === 1 && isRowFormatter(columns[0]!.component) ? (columns[0]!.component as unknown as RowFormatter) : undefined;
  const out = resolve(io.cwd, options.out);
  const writer = new TextFileWriter(out);
  writer.write(`${preset?.csvHeader() ?? ['timestamp', 'open', 'high', 'low', 'close', 'volume', ...columns.flatMap((c) => c.names)].join(',')}\n`);
  let rows = 0;
  try {
    for await (const batch of source.read()) {
      for (const record of batch) {
        const bar = record as Bar;
        for (const column of columns) column.component.update(bar);
        writer.write(`${preset?.formatCsvRow(bar) ?? genericRow(bar, columns)}\n`);
        rows++;
      }
    }
  } finally {
    writer.close();
  }
  io.stdout.write(`wrote ${rows} rows × ${preset === undefined ? columns.reduce((sum, c) => sum + c.names.length, 0) : 'preset'} columns to ${relative(io.cwd, out)}\n`);
  return 0;
}

async function createColumns(entries: readonly { use: string; id: string; options: Record<string, unknown> }[], registry: PluginRegistry, tickSize: number | undefined): Promise<Column[]> {
  const problems: string[] = [];
  const columns: Column[] = [];
  const bus = new EventBus();
  const clock = new SimulatedClock();
  for (const entry of entries) {
    const plugin = registry.get(entry.use);
    if (plugin === undefined || plugin.manifest.kind !== 'indicator') {
      const known = registry.list().filter((p) => p.manifest.kind === 'indicator').map((p) => p.manifest.id);
      problems.push(`"${entry.use}" is not an installed indicator plugin; available: ${known.join(', ') || 'none'}`);
      continue;
    }
    const wantsTick = tickSize !== undefined && 'tickSize' in ((plugin.definition.options as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    const parsed = plugin.definition.options.safeParse(wantsTick && entry.options['tickSize'] === undefined ? { ...entry.options, tickSize } : entry.options);
    if (!parsed.success) {
      problems.push(`"${entry.id}" options: ${parsed.error.issues.map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
      continue;
    }
    const owner = { pluginId: plugin.manifest.id, instanceId: entry.id };
    const component = (await plugin.definition.create({
      options: parsed.data,
      instanceId: entry.id,
      logger: createSilentLogger(),
      bus: new ScopedBus(bus, owner),
      clock,
      random: new SeededRandom(1),
      mode: 'backtest',
      baseDir: process.cwd(),
      resolve: () => {
        throw new PluginError('GM_DI_TOKEN_NOT_REGISTERED', `indicator "${entry.id}" needs services that feature export does not provide`, owner);
      },
      signal: new AbortController().signal,
    })) as Column['component'];
    const named = plugin.manifest.capabilities['namedColumns'] === true;
    columns.push({ id: entry.id, component, names: component.outputs.map((output) => (named ? output : `${entry.id}_${output}`)) });
  }
  if (problems.length > 0) throw new SdkError('GM_CLI_USAGE', `grandmodel indicators: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  return columns;
}

function isRowFormatter(component: unknown): boolean {
  const candidate = component as Partial<RowFormatter>;
  return typeof candidate.csvHeader === 'function' && typeof candidate.formatCsvRow === 'function';
}

function genericRow(bar: Bar, columns: readonly Column[]): string {
  let line = `${formatIsoTime(bar.start)},${formatNumber(bar.open)},${formatNumber(bar.high)},${formatNumber(bar.low)},${formatNumber(bar.close)},${formatNumber(bar.volume)}`;
  for (const column of columns) {
    const values = column.component.latestValues ?? column.component.values;
    for (let i = 0; i < values.length; i++) line += `,${formatNumber(values[i]!)}`;
  }
  return line;
}
