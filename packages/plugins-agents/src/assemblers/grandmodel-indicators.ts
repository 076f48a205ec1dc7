/**
 * The parts of `@grandmodel/plugins-indicators` the assemblers build on: the strategic matrix row, the
 * normaliser, and the output layouts they index. One import point for the pipeline's indicator dependency.
 */
export {
  RollingNormalizer,
  StrategicMatrixRow,
  STRATEGIC_AGENT_COLUMNS,
  STRATEGIC_MATRIX_COLUMNS,
  AUXILIARY_OUTPUTS,
  MAXIMUM_MEAN_DISCREPANCY_OUTPUTS,
} from '@grandmodel/plugins-indicators';
export type { StrategicMatrixSources } from '@grandmodel/plugins-indicators';
