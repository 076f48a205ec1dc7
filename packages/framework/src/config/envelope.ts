import { z } from 'zod';
import { isTimeframe } from '../model/timeframe.js';

/** What happens when a component's listener throws. */
export const FAULT_POLICIES = ['continue', 'disable', 'halt', 'stop'] as const;

/** One component entry: which plugin to use, an optional instance id, and the plugin's own options. */
export const componentEntrySchema = z.strictObject({
  use: z.string().min(1).describe('Plugin id, e.g. `csv`, `sma`, `sim`'),
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-"')
    .optional()
    .describe('Instance id, unique in the config; defaults to the plugin id'),
  options: z.unknown().optional().describe("The plugin's options, validated by the plugin's own schema"),
  onFault: z
    .enum(FAULT_POLICIES)
    .default('continue')
    .describe('When a listener of this component throws: continue, disable the component, halt trading, or stop the run'),
});

const timeframeSchema = z.string().refine(isTimeframe, { message: 'expected a timeframe such as 1m, 5m, 30m, 4h or 1d' });

const dateSchema = z
  .union([z.string(), z.number()])
  .describe('ISO date or date-time (UTC unless an offset is given), or epoch milliseconds');

/** Instrument definition in config. */
export const instrumentSchema = z.strictObject({
  symbol: z.string().min(1).describe('Symbol as it appears in the data'),
  tickSize: z.number().positive().default(0.01).describe('Minimum price increment'),
  multiplier: z.number().positive().default(1).describe('Currency value of a one-point move per unit (futures point value)'),
  currency: z.string().default('USD').describe('Settlement currency'),
  marginRate: z.number().positive().max(1).default(1).describe('Initial margin as a fraction of notional; 1 = fully paid'),
});

/** The configuration envelope: every stage, with plugin options left for phase two. */
export const configEnvelopeSchema = z.strictObject({
  name: z.string().default('grandmodel-run').describe('Name of the system, used in run output'),
  mode: z.enum(['backtest', 'paper', 'live']).default('backtest').describe('backtest: simulated clock; paper: live data, simulated venue; live: real broker'),
  seed: z.number().int().nonnegative().default(1).describe('Seed of every random source in the run'),
  plugins: z.array(z.string()).default([]).describe('Plugin packages or local .ts/.js files to load, in addition to the built-ins'),
  instruments: z.array(instrumentSchema).default([]).describe('Instruments traded; symbols not listed get tick 0.01, multiplier 1'),
  data: componentEntrySchema.optional().describe('The market data source'),
  bars: z.array(timeframeSchema).default([]).describe('Bar timeframes built from the data, e.g. [5m, 30m]; empty = the data timeframe only'),
  gapFill: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Emit flat synthetic bars for missing buckets'),
      maxGapMinutes: z.number().nonnegative().default(120).describe('Longer gaps are session breaks and are not filled'),
    })
    .default({ enabled: true, maxGapMinutes: 120 })
    .describe('Gap handling of the bar aggregator'),
  indicators: z.array(componentEntrySchema).default([]).describe('Indicator components'),
  agents: z.array(componentEntrySchema).default([]).describe('Agents (strategies, signal and decision components)'),
  risk: z.array(componentEntrySchema).default([]).describe('Risk models; every order intent passes them in order'),
  broker: componentEntrySchema.optional().describe('Where orders go: `sim` (the default for runs), `paper`, or a venue adapter'),
  execution: componentEntrySchema.optional().describe('Execution algorithm between the order manager and the broker'),
  services: z.array(componentEntrySchema).default([]).describe('Other components (plugin kind "service")'),
  backtest: z
    .strictObject({
      from: dateSchema.optional(),
      to: dateSchema.optional(),
      cash: z.number().positive().default(100_000).describe('Starting cash'),
      currency: z.string().default('USD'),
    })
    .default({ cash: 100_000, currency: 'USD' })
    .describe('Backtest range and account'),
  output: z
    .strictObject({
      dir: z.string().default('runs').describe('Folder that run folders are created in'),
      journal: z.boolean().default(true).describe('Write journal.jsonl with every event'),
      journalExclude: z.array(z.string()).default(['bar.closed', 'indicators.updated', 'account.updated', 'run.progress']).describe('High-volume events left out of the journal'),
      report: z.boolean().default(true).describe('Write report.html'),
    })
    .default({ dir: 'runs', journal: true, journalExclude: ['bar.closed', 'indicators.updated', 'account.updated', 'run.progress'], report: true })
    .describe('Run output'),
  logging: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .default({ level: 'info' }),
});

/** Config as a user writes it (everything optional that has a default). */
export type ConfigInput = z.input<typeof configEnvelopeSchema>;
/** A component entry as a user writes it. */
export type ComponentEntryInput = z.input<typeof componentEntrySchema>;
/** A validated component entry, with `options` parsed by its plugin's schema. */
export type ComponentEntry = z.output<typeof componentEntrySchema> & { readonly id: string; readonly options: Readonly<Record<string, unknown>> };

/** The config sections that hold components, with the plugin kind each expects. */
export const COMPONENT_SECTIONS = {
  data: 'data-source',
  indicators: 'indicator',
  agents: 'agent',
  risk: 'risk-model',
  broker: 'broker',
  execution: 'execution-algorithm',
  services: 'service',
} as const;
export type ComponentSection = keyof typeof COMPONENT_SECTIONS;

/** A validated config: defaults applied, plugin options parsed, frozen. */
export type ResolvedConfig = Readonly<
  Omit<z.output<typeof configEnvelopeSchema>, ComponentSection> & {
    data?: ComponentEntry;
    indicators: readonly ComponentEntry[];
    agents: readonly ComponentEntry[];
    risk: readonly ComponentEntry[];
    broker?: ComponentEntry;
    execution?: ComponentEntry;
    services: readonly ComponentEntry[];
    /** Paths (e.g. `broker.options.secret`) whose values came from environment variables; never printed. */
    secretPaths: readonly string[];
    /** Folder relative paths are resolved against. */
    baseDir: string;
    /** File the config came from, if any. */
    source?: string;
  }
>;

/** Identity helper that types a config written in TypeScript (`grandmodel.config.ts`). */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
