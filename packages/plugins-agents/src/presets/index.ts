export { pipelinePlugins, grandmodelPipeline } from './grandmodel-pipeline.js';
export type { GrandModelPipelineSettings } from './grandmodel-pipeline.js';
export { pipelineStats } from './pipeline-stats.js';
export type { PipelineStatsSummary, StatsSource } from './pipeline-stats.js';
export { pipelineStatsPlugin } from './pipeline-stats-plugin.js';
