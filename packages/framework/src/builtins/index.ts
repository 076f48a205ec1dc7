import { csvDataSourcePlugin } from '../data/csv/csv-data-source-plugin.js';
import { syntheticDataSourcePlugin } from '../data/synthetic/synthetic-data-source.js';
import { replayDataSourcePlugin } from '../data/replay/replay-data-source.js';
import type { AnyPluginDefinition } from '../plugin/define-plugin.js';
import { limitsPlugin } from './limits-plugin.js';
import { simBrokerPlugin } from './sim-broker-plugin.js';
import { smaCrossPlugin } from './sma-cross-plugin.js';

/** The framework's own plugins, always available: data sources, the simulated broker, an example agent, limits. */
export const builtinPlugins: readonly AnyPluginDefinition[] = [csvDataSourcePlugin, syntheticDataSourcePlugin, replayDataSourcePlugin, simBrokerPlugin, smaCrossPlugin, limitsPlugin];

export { simBrokerPlugin, smaCrossPlugin, limitsPlugin };
