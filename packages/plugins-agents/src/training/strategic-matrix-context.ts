import { SdkError } from '@grandmodel/framework';

/** Rows and columns of the strategic matrix. */
export const STRATEGIC_ROWS = 48;
export const STRATEGIC_COLUMNS = 13;

/** Columns of the 48×13 matrix each strategic agent reads (spec §4.2 pick): MLMI, NW-RQK, Regime. */
export const STRATEGIC_AGENT_COLUMN_SETS = [
  [0, 1, 9, 10],
  [2, 3, 4, 5],
  [8, 11, 12],
] as const;

/**
 * The gating network's 6-dim shared context (spec §6.1) from a gathered row-major 48×13 matrix, oldest row
 * first (the same values as the strategic agent's `strategicContext` over a full `FeatureMatrix`):
 * [std(col 11), mean(col 12), mean(col 9), mean(col 10), |mean(col 10, last 24) − mean(col 10, first 24)|,
 * mean(col 0)]; the standard deviation is the population one (divide by 48). Writes into `target`.
 */
export function strategicMatrixContext(matrix: ArrayLike<number>, target: Float32Array): Float32Array {
  if (matrix.length !== STRATEGIC_ROWS * STRATEGIC_COLUMNS || target.length !== 6) {
    throw new SdkError('GM_INPUT_INVALID', `strategicMatrixContext: expected a ${STRATEGIC_ROWS}×${STRATEGIC_COLUMNS} matrix (${STRATEGIC_ROWS * STRATEGIC_COLUMNS} values) and a 6-value target, received ${matrix.length} and ${target.length}`);
  }
  const mean = (column: number, from: number, to: number): number => {
    let sum = 0;
    for (let row = from; row < to; row++) sum += matrix[row * STRATEGIC_COLUMNS + column]!;
    return sum / (to - from);
  };
  const volatilityMean = mean(11, 0, STRATEGIC_ROWS);
  let squares = 0;
  for (let row = 0; row < STRATEGIC_ROWS; row++) squares += (matrix[row * STRATEGIC_COLUMNS + 11]! - volatilityMean) ** 2;
  const half = STRATEGIC_ROWS / 2;
  target[0] = Math.sqrt(squares / STRATEGIC_ROWS);
  target[1] = mean(12, 0, STRATEGIC_ROWS);
  target[2] = mean(9, 0, STRATEGIC_ROWS);
  target[3] = mean(10, 0, STRATEGIC_ROWS);
  target[4] = Math.abs(mean(10, half, STRATEGIC_ROWS) - mean(10, 0, half));
  target[5] = mean(0, 0, STRATEGIC_ROWS);
  return target;
}

/**
 * The fixed prior of the gating network (spec §6.1): logits get `|c0|·[−1,−1,3] + (|c2|+|c3|)·[4,−1,−1]
 * + c1·[−1,2.5,−1] + |c5|·[3,−1,−1] + |c4|·[−1,−1,4]` on top of `W·c + b`. Returned as the weights on |c|
 * (6×3, row-major) and on c (6×3; only row 1, the one term that is not an absolute value).
 */
export function gatingPrior(): { absolute: Float32Array; linear: Float32Array } {
  const absolute = new Float32Array(18);
  const linear = new Float32Array(18);
  const row = (target: Float32Array, index: number, values: readonly number[]): void => target.set(values, index * 3);
  row(absolute, 0, [-1, -1, 3]);
  row(absolute, 2, [4, -1, -1]);
  row(absolute, 3, [4, -1, -1]);
  row(absolute, 4, [-1, -1, 4]);
  row(absolute, 5, [3, -1, -1]);
  row(linear, 1, [-1, 2.5, -1]);
  return { absolute, linear };
}
