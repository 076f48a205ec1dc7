import { fileURLToPath } from 'node:url';

/** Names of the project templates `grandmodel new` can write. */
export const TEMPLATE_NAMES = ['minimal', 'grandmodel', 'indicator-plugin', 'agent-plugin', 'risk-plugin', 'broker-plugin'] as const;

/** One project template name. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** SDK packages a generated project may depend on, beyond `@grandmodel/framework`. */
export const SDK_PLUGIN_PACKAGES = ['@grandmodel/plugins-indicators', '@grandmodel/plugins-agents', '@grandmodel/plugins-risk', '@grandmodel/plugins-brokers'] as const;

/** One SDK package name. */
export type SdkPackageName = '@grandmodel/framework' | (typeof SDK_PLUGIN_PACKAGES)[number];

/** What a template is for and what it needs. */
export interface TemplateInfo {
  readonly name: TemplateName;
  /** One line shown by the prompt and written into package.json. */
  readonly description: string;
  /** SDK packages the generated project depends on (the framework is always included). */
  readonly packages: readonly SdkPackageName[];
  /** The kind of plugin the template writes, if it writes one. */
  readonly pluginKind?: 'indicator' | 'agent' | 'risk-model' | 'broker';
  /** The `npm run data` command, when the template needs other data than one month of NQ 1-minute bars. */
  readonly dataCommand?: string;
}

/** Every template, in the order the prompt lists them. */
export const PROJECT_TEMPLATES: Readonly<Record<TemplateName, TemplateInfo>> = Object.freeze({
  minimal: {
    name: 'minimal',
    description: 'A config-only backtest: the built-in SMA crossover on synthetic NQ bars',
    packages: ['@grandmodel/framework'],
  },
  grandmodel: {
    name: 'grandmodel',
    description: 'The full GrandModel pipeline: GrandModel indicators, matrix assemblers, synergy detection, MARL agents and risk models',
    packages: ['@grandmodel/framework', '@grandmodel/plugins-indicators', '@grandmodel/plugins-agents', '@grandmodel/plugins-risk'],
    // The pipeline decides on 30-minute context and enters on 5-minute bars: six months of Micro Nasdaq 5-minute bars
    dataCommand: 'grandmodel data synth --symbol MNQ --from 2024-07-01 --to 2025-01-01 --seed 21 --timeframe 5m --tick-size 0.25 --start-price 18000 --out data/mnq-5m.csv',
  },
  'indicator-plugin': {
    name: 'indicator-plugin',
    description: 'A streaming indicator plugin with its contract test, and a small agent that trades on it',
    packages: ['@grandmodel/framework'],
    pluginKind: 'indicator',
  },
  'agent-plugin': {
    name: 'agent-plugin',
    description: 'An agent (strategy) plugin with a backtest test on hand-made bars',
    packages: ['@grandmodel/framework'],
    pluginKind: 'agent',
  },
  'risk-plugin': {
    name: 'risk-plugin',
    description: 'A pre-trade risk model plugin with a backtest test on hand-made bars',
    packages: ['@grandmodel/framework'],
    pluginKind: 'risk-model',
  },
  'broker-plugin': {
    name: 'broker-plugin',
    description: 'A broker adapter plugin checked by the broker contract suite',
    packages: ['@grandmodel/framework'],
    pluginKind: 'broker',
  },
});

/** True when `value` names a template. */
export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

/** Folder holding the template files: `templates/` of the framework package (the same from `src/` and `dist/`). */
export function templatesRoot(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}
