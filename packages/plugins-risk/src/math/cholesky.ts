import { assertFiniteVector, assertInteger, invalidInput } from './assert-input.js';

/** Relative size below which a Cholesky pivot counts as zero (rounding noise of a singular matrix). */
const PIVOT_TOLERANCE = 1e-10;

/**
 * Returns the lower-triangular Cholesky factor L of a symmetric positive semi-definite `size`×`size`
 * matrix A (row-major), so that A = L·Lᵀ; written into `into` when given (length ≥ size²), else a new array.
 *
 * Semi-definite matrices are accepted: a pivot within 1e-10·Aᵢᵢ of zero (perfectly correlated
 * instruments, or an EWMA covariance with fewer updates than instruments) gives a zero column.
 * Non-finite entries, asymmetry beyond rounding, or a clearly negative pivot throw `GM_INPUT_INVALID`.
 */
export function choleskyDecompose(matrix: ArrayLike<number>, size: number, into?: Float64Array): Float64Array {
  assertInteger(size, 'size', 1);
  assertFiniteVector(matrix, 'covariance', size * size, `a ${size}x${size} row-major matrix`);
  assertSymmetric(matrix, size);
  const factor = into ?? new Float64Array(size * size);
  if (factor.length < size * size) {
    throw invalidInput(`into must have at least ${size * size} values, received ${factor.length}`);
  }
  factor.fill(0, 0, size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row * size + column];
      for (let k = 0; k < column; k++) sum -= factor[row * size + k] * factor[column * size + k];
      if (row === column) {
        const diagonal = matrix[row * size + row];
        if (sum > PIVOT_TOLERANCE * diagonal) factor[row * size + row] = Math.sqrt(sum);
        else if (sum < -PIVOT_TOLERANCE * diagonal) {
          throw invalidInput(
            `covariance is not positive semi-definite: pivot ${row} is ${sum} after elimination (diagonal ${diagonal})`,
          );
        }
      } else {
        const pivot = factor[column * size + column];
        // A zero pivot means that direction carries no variance: the column stays zero
        factor[row * size + column] = pivot > 0 ? sum / pivot : 0;
      }
    }
  }
  return factor;
}

/** Throws unless the row-major `size`×`size` matrix is symmetric up to relative rounding (1e-10). */
function assertSymmetric(matrix: ArrayLike<number>, size: number): void {
  for (let row = 0; row < size; row++) {
    for (let column = row + 1; column < size; column++) {
      const upper = matrix[row * size + column];
      const lower = matrix[column * size + row];
      if (Math.abs(upper - lower) > 1e-10 * Math.max(Math.abs(upper), Math.abs(lower), Number.MIN_VALUE)) {
        throw invalidInput(
          `covariance must be symmetric: covariance[${row}][${column}] is ${upper} but covariance[${column}][${row}] is ${lower}`,
        );
      }
    }
  }
}
