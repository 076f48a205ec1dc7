import { SdkError, type IndicatorRegistry } from '@grandmodel/framework';

/** The part of a matrix assembler component (`strategic-matrix`, `tactical-matrix`) training reads. */
export interface MatrixSource {
  readonly isReady: boolean;
  readonly matrix: {
    readonly window: number;
    readonly columns: number;
    gather(columns: readonly number[] | undefined, target: Float32Array): Float32Array;
    latest(column: number): number;
  };
}

/** Resolves an assembler by instance id and checks its window and width; throws naming what to configure. */
export function resolveMatrixSource(indicators: IndicatorRegistry, id: string, window: number, columns: number, plugin: string): MatrixSource {
  if (!indicators.has(id)) {
    throw new SdkError(
      'GM_CONFIG_INVALID',
      `Training needs the indicator "${id}" (plugin ${plugin}) and its sources in the config's indicators:, e.g. - { use: ${plugin} }; configured: ${indicators.ids().join(', ') || 'none'}`,
    );
  }
  const component = indicators.get(id) as unknown as Partial<MatrixSource>;
  const matrix = component.matrix;
  if (matrix === undefined || typeof matrix.gather !== 'function') throw new SdkError('GM_CONFIG_INVALID', `Indicator "${id}" is not a matrix assembler (no matrix.gather); use the ${plugin} plugin`);
  if (matrix.window !== window || matrix.columns !== columns) {
    throw new SdkError('GM_CONFIG_INVALID', `Indicator "${id}": expected a ${window}×${columns} matrix, was ${matrix.window}×${matrix.columns} (the model contracts fix the shape)`);
  }
  return component as MatrixSource;
}
