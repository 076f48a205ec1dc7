import { definePlugin, PLUGIN_API_VERSION, z } from '@grandmodel/framework';
import { pipelineStats, type StatsSource } from './pipeline-stats.js';

/**
 * Adds the GrandModel pipeline block to `summary.json` → `run.pipeline`: synergies by type, decisions and
 * vetoes per agent, decision latency p50/p99. Add it once under `services:`.
 * @example
 * services: [{ use: pipeline-stats }]
 */
export const pipelineStatsPlugin = definePlugin({
  manifest: {
    id: 'pipeline-stats',
    kind: 'service',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Adds synergies, decisions, vetoes and decision latency of the pipeline to summary.json',
  },
  options: z.strictObject({}),
  create: () => ({
    summarize: (components: readonly StatsSource[]) => {
      const value = pipelineStats(components);
      return value === undefined ? undefined : { section: 'pipeline', value };
    },
  }),
});
