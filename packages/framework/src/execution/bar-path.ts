import type { Bar } from '../model/bar.js';

/**
 * The assumed price path inside a bar, used to decide whether and where stops and limits trigger.
 * A bar that closes up (close > open) is walked open → low → high → close; any other bar
 * open → high → low → close. Positions along the path run from 0 (the open) to 3 (the close):
 * 1 and 2 are the two extremes, fractions lie on the straight segments between them.
 */

/** Returned by {@link firstTouch} when the level is not reached on the rest of the path. */
export const NO_TOUCH = -1;

/** Returns the price at path point 0 (open), 1 (first extreme), 2 (second extreme) or 3 (close). */
export function pathPoint(bar: Bar, point: number): number {
  const closesUp = bar.close > bar.open;
  switch (point) {
    case 0:
      return bar.open;
    case 1:
      return closesUp ? bar.low : bar.high;
    case 2:
      return closesUp ? bar.high : bar.low;
    default:
      return bar.close;
  }
}

/** Returns the price at a position on the path (linear between the four points). */
export function priceAtPosition(bar: Bar, position: number): number {
  const segment = Math.floor(position);
  if (segment >= 3) return bar.close;
  const fraction = position - segment;
  const start = pathPoint(bar, segment);
  if (fraction === 0) return start;
  return start + (pathPoint(bar, segment + 1) - start) * fraction;
}

/**
 * Returns the first position at or after `from` where the price is at or above `level` (`atOrAbove`)
 * or at or below it, or {@link NO_TOUCH}. Returns `from` itself when the condition already holds there
 * (for `from` = 0 that means the bar opened through the level: a gap).
 */
export function firstTouch(bar: Bar, level: number, atOrAbove: boolean, from = 0): number {
  if (reaches(priceAtPosition(bar, from), level, atOrAbove)) return from;
  for (let segment = Math.floor(from); segment < 3; segment++) {
    const end = pathPoint(bar, segment + 1);
    if (!reaches(end, level, atOrAbove)) continue;
    // The segment's start is on the wrong side of the level (else the price at `from` would reach it too)
    const start = pathPoint(bar, segment);
    const position = segment + (level - start) / (end - start);
    return Math.max(from, position);
  }
  return NO_TOUCH;
}

function reaches(price: number, level: number, atOrAbove: boolean): boolean {
  return atOrAbove ? price >= level : price <= level;
}
