import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { RunWriter } from '../analytics/output/run-writer.js';
import type { RunSummary } from '../analytics/output/run-summary.js';
import { toStableJson } from '../analytics/format/stable-json.js';
import type { ConfigInput, ResolvedConfig } from '../config/envelope.js';
import { createLogger } from '../logging/create-logger.js';
import type { AnyPluginDefinition } from '../plugin/define-plugin.js';
import { Engine, type EngineResult } from './engine.js';
import { listenForKillRequests } from './kill-control.js';
import { loadSystem } from './load-system.js';
import { redactConfig } from './redact-config.js';
import { buildReportIfWanted } from './report-step.js';

/** Options of `runSystem` (the `grandmodel run` command). */
export interface RunSystemOptions {
  /** Config file path or config object. */
  readonly config: string | ConfigInput;
  readonly mode?: 'backtest' | 'paper' | 'live';
  readonly from?: string;
  readonly to?: string;
  readonly seed?: number;
  /** Run folder; default `<output.dir>/<name>-<UTC time>` next to the config. */
  readonly out?: string;
  /** `key.path=value` overrides. */
  readonly set?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly plugins?: readonly AnyPluginDefinition[];
  readonly baseDir?: string;
  readonly logger?: Logger;
  /** Called after every base bar with the count and the bar's close time (progress displays). */
  readonly onProgress?: (barsProcessed: number, time: number) => void;
}

/** A finished run: its folder, summary and engine result. */
export interface RunSystemResult {
  readonly dir: string;
  readonly summary: RunSummary;
  readonly result: EngineResult;
  readonly config: ResolvedConfig;
}

/**
 * Runs a system end to end and writes its run folder: summary.json, trades.csv, orders.csv, equity.csv,
 * bars.csv, journal.jsonl, config.json (secrets redacted) and report.html.
 */
export async function runSystem(options: RunSystemOptions): Promise<RunSystemResult> {
  const overrides = [
    ...(options.mode === undefined ? [] : [`mode=${options.mode}`]),
    ...(options.from === undefined ? [] : [`backtest.from=${options.from}`]),
    ...(options.to === undefined ? [] : [`backtest.to=${options.to}`]),
    ...(options.seed === undefined ? [] : [`seed=${options.seed}`]),
    ...(options.set ?? []),
  ];
  const system = await loadSystem(options.config, { overrides, env: options.env, plugins: options.plugins, baseDir: options.baseDir });
  const { config } = system;
  const logger = options.logger ?? createLogger({ level: config.logging.level, secrets: system.secretValues });
  const dir = runFolder(config, options.out);
  mkdirSync(dir, { recursive: true });

  const engine = await Engine.create(config, system.registry, { logger, observer: undefined });
  // Symbols the data brings but the config does not list get default instruments before recording starts
  const source = engine.kernel.componentsOf('data')[0]?.instance as { symbols?: readonly string[] } | undefined;
  for (const symbol of source?.symbols ?? []) engine.instruments.get(symbol);
  const writer = new RunWriter({ dir, instruments: engine.instruments.all(), journal: config.output.journal, barTimeframe: engine.timeframe });
  attachRecorder(engine, writer, options.onProgress);
  const excluded = new Set(config.output.journalExclude);
  if (config.output.journal) engine.kernel.bus.addSink(writer.journalSink, (event) => !excluded.has(event));
  const stopListening = listenForKillRequests(dir, engine.killSwitch, (request) => logger.warn({ request }, 'kill switch engaged by operator request'));
  let result: EngineResult;
  try {
    result = await engine.run();
  } finally {
    stopListening();
    await engine.dispose();
  }
  const summary = writer.finish({
    run: {
      name: config.name,
      mode: config.mode,
      seed: config.seed,
      timeframe: engine.timeframe,
      bars: config.bars,
      barsProcessed: result.barsProcessed,
      stopReason: result.stopReason,
      instruments: engine.instruments.all().map((i) => i.symbol),
      data: dataStats(engine),
      ...componentSummaries(engine),
    },
  });
  writeFileSync(join(dir, 'config.json'), `${toStableJson(redactConfig(config), { indent: 2 })}\n`);
  if (config.output.report) await buildReportIfWanted(dir, writer.reportEquity());
  logger.debug({ dir, barsProcessed: result.barsProcessed }, 'run finished');
  return { dir, summary, result, config };
}

/** Wires the run writer to the engine: base bars, equity rows, orders and fills. */
function attachRecorder(engine: Engine, writer: RunWriter, onProgress: RunSystemOptions['onProgress']): void {
  const portfolio = engine.portfolio;
  let first = true;
  const observer = {
    onBaseBar: (bar: Parameters<RunWriter['onBar']>[0]) => {
      // Returns are measured from the starting cash: the curve opens at the first bar's start
      if (first) writer.recordEquity(bar.start, portfolio.initialCash, portfolio.initialCash, 0, 0);
      first = false;
      writer.onBar(bar);
      writer.recordEquity(bar.end, portfolio.equity, portfolio.cash, portfolio.netExposure, portfolio.grossExposure);
      onProgress?.(engine.barsProcessed, bar.end);
    },
    onOrder: (order: Parameters<RunWriter['onOrder']>[0]) => writer.onOrder(order),
    onFill: (fill: Parameters<RunWriter['onFill']>[0]) => writer.onFill(fill),
  };
  engine.setObserver(observer);
}

/**
 * What components add to `summary.json` → `run`: a component with `summarize(components)` contributes a named
 * section (e.g. the GrandModel `pipeline` block); in runs without one, components with `stats()` are listed
 * under `components`.
 */
function componentSummaries(engine: Engine): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  const components: Record<string, unknown> = {};
  const all = engine.kernel.components;
  for (const component of all) {
    const instance = component.instance as { summarize?: (c: typeof all) => { section: string; value: unknown } | undefined; stats?: () => unknown };
    if (typeof instance.summarize === 'function') {
      const part = instance.summarize(all);
      if (part !== undefined) sections[part.section] = part.value;
    } else if (component.section !== 'data' && typeof instance.stats === 'function') {
      components[component.instanceId] = instance.stats();
    }
  }
  // A summarizer already covers the components it knows; the plain list is for runs without one
  return Object.keys(sections).length > 0 || Object.keys(components).length === 0 ? sections : { ...sections, components };
}

function dataStats(engine: Engine): Record<string, unknown> | undefined {
  const source = engine.kernel.componentsOf('data')[0]?.instance as { stats?: () => Record<string, unknown> } | undefined;
  return source?.stats?.();
}

function runFolder(config: ResolvedConfig, out: string | undefined): string {
  if (out !== undefined) return resolve(out);
  const base = isAbsolute(config.output.dir) ? config.output.dir : join(config.baseDir, config.output.dir);
  // The folder name is the only place wall time appears; nothing inside the run depends on it
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return join(base, `${config.name}-${stamp}`);
}
