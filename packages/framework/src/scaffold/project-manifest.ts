import type { TemplateInfo } from './project-templates.js';

/** Tool versions a generated project installs for its tests (the versions the SDK itself is tested with). */
export const PROJECT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = Object.freeze({
  '@types/node': '^20.19.43',
  typescript: '^7.0.2',
  vitest: '^4.1.12',
});

/** The command that writes the synthetic market every generated project starts from (one month of NQ 1-minute bars). */
export const SYNTHETIC_DATA_COMMAND = 'grandmodel data synth --symbol NQ --from 2024-01-01 --to 2024-02-01 --seed 7 --tick-size 0.25 --start-price 17000 --out data/nq-1m.csv';

/**
 * The package.json of a generated project: private, ESM, the SDK dependencies given, and the scripts
 * `data` (synthetic market data), `start` (data, then run the config), `test` (type-check, then vitest), `typecheck` and `validate`.
 */
export function projectManifest(name: string, template: TemplateInfo, dependencies: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: template.description,
    ...(template.pluginKind === undefined ? {} : { keywords: ['grandmodel-plugin'] }),
    engines: { node: '>=20.19' },
    scripts: {
      data: template.dataCommand ?? SYNTHETIC_DATA_COMMAND,
      start: 'npm run data && grandmodel run grandmodel.config.yaml --out runs/latest',
      test: 'tsc --noEmit && vitest run',
      typecheck: 'tsc --noEmit',
      validate: 'grandmodel validate grandmodel.config.yaml',
    },
    dependencies: sorted(dependencies),
    devDependencies: sorted(PROJECT_DEV_DEPENDENCIES),
  };
}

function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
