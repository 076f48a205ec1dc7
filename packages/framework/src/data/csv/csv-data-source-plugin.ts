import { definePlugin } from '../../plugin/define-plugin.js';
import { CsvDataSource } from './csv-data-source.js';
import { csvDataSourceOptions } from './csv-data-source-options.js';

/**
 * The `csv` data-source plugin: bars or ticks from a CSV file.
 * @example
 * data: { use: csv, options: { path: ./data/nq-30m.csv, symbol: NQ, timezone: Asia/Jerusalem } }
 */
export const csvDataSourcePlugin = definePlugin({
  manifest: {
    id: 'csv',
    kind: 'data-source',
    version: '0.1.0',
    apiVersion: 1,
    description: 'Bars or ticks streamed from a CSV file, with checked rows and a bad-row policy',
  },
  options: csvDataSourceOptions,
  create: (context) => new CsvDataSource(context.options, { baseDir: context.baseDir, logger: context.logger }),
});
