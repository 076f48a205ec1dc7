import { SdkError } from '@grandmodel/framework';
import { STRATEGIC_COLUMNS, STRATEGIC_ROWS } from './strategic-matrix-context.js';

/** Rows and columns of the tactical matrix. */
export const TACTICAL_ROWS = 60;
export const TACTICAL_COLUMNS = 7;

/**
 * Tactical columns under the mirror: `fvg_bullish_active` ↔ `fvg_bearish_active` swap; the signed distance
 * to the nearest gap level and `price_momentum_5` change sign; gap age, mitigation flag, volume ratio stay.
 */
const TACTICAL_MIRROR = { swapped: [[0, 1]], negated: [2, 5] } as const;

/**
 * Strategic columns under the mirror: the signed ones change sign — `mlmi_value`, `mlmi_signal`,
 * `nwrqk_value` (distance of the regression to the price), `nwrqk_slope`, `momentum_20`, `momentum_50`
 * (z-scores of signed values, whose running means flip too); the LVN distance and strength, the hour,
 * the MMD score, `volatility_30` and the volume skew do not depend on the direction of prices.
 */
const STRATEGIC_MIRROR = { swapped: [], negated: [0, 1, 2, 3, 9, 10] } as const;

interface MirrorRule {
  readonly swapped: readonly (readonly [number, number])[];
  readonly negated: readonly number[];
}

function mirrorRows(name: string, rows: number, columns: number, rule: MirrorRule, source: ArrayLike<number>, target: Float32Array): Float32Array {
  const size = rows * columns;
  if (source.length !== size || target.length !== size) {
    throw new SdkError('GM_INPUT_INVALID', `${name}: expected ${rows}×${columns} matrices (${size} values), received ${source.length} and ${target.length}`);
  }
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) target[offset + column] = source[offset + column]!;
    for (const [a, b] of rule.swapped) {
      const first = source[offset + a]!;
      target[offset + a] = source[offset + b]!;
      target[offset + b] = first;
    }
    // 0 − x rather than −x: a zero stays +0, so mirrored inputs hold no negative zeros
    for (const column of rule.negated) target[offset + column] = 0 - source[offset + column]!;
  }
  return target;
}

/**
 * The tactical 60×7 matrix (row-major, oldest row first) as it reads in the mirrored market — the same bars
 * with log prices reflected (`p′ = c²/p`, highs and lows trading places), so every up move is a down move:
 * a bullish gap becomes a bearish one (columns 0 and 1 swap), the signed distance to the nearest gap level
 * and the 5-bar momentum change sign (columns 2 and 5). A long synergy there is a short one here. Writes
 * into `target` (may be `source`).
 */
export function mirrorTacticalMatrix(source: ArrayLike<number>, target: Float32Array): Float32Array {
  return mirrorRows('mirrorTacticalMatrix', TACTICAL_ROWS, TACTICAL_COLUMNS, TACTICAL_MIRROR, source, target);
}

/**
 * The strategic 48×13 matrix (row-major, oldest row first) as it reads in the mirrored market: columns 0, 1,
 * 2, 3, 9 and 10 (MLMI value and signal, NW-RQK distance and slope, 20- and 50-bar momentum) change sign,
 * the others stay. Writes into `target` (may be `source`).
 */
export function mirrorStrategicMatrix(source: ArrayLike<number>, target: Float32Array): Float32Array {
  return mirrorRows('mirrorStrategicMatrix', STRATEGIC_ROWS, STRATEGIC_COLUMNS, STRATEGIC_MIRROR, source, target);
}
