import { floorToLot } from '../shared/order-sizing.js';

/** The position an order starts from and the exposure around it. */
export interface LeverageSituation {
  /** Signed current position of the order's instrument. */
  readonly current: number;
  /** +1 for a buy, −1 for a sell. */
  readonly direction: 1 | -1;
  /** Value of one unit: price · multiplier. */
  readonly unitValue: number;
  /** Gross exposure of every other position. */
  readonly otherGross: number;
  /** Largest gross exposure allowed (allowed leverage · equity). */
  readonly maxGross: number;
  readonly lotSize: number;
}

/**
 * Returns the largest quantity, in whole lots, an order may have so the gross exposure after it fills stays
 * within `maxGross`: the position may grow to |after| ≤ (maxGross − otherGross) / unitValue. Growing the
 * current side that leaves A − |current|; an order against the position first closes it, leaving
 * |current| + A. 0 when nothing fits.
 */
export function quantityWithinGross(situation: LeverageSituation): number {
  const { current, direction, unitValue, otherGross, maxGross, lotSize } = situation;
  const room = (maxGross - otherGross) / unitValue;
  if (!(room >= 0)) return 0;
  const sameSide = current * direction >= 0;
  return floorToLot(sameSide ? room - Math.abs(current) : Math.abs(current) + room, lotSize);
}
