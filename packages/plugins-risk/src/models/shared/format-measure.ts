// Number formatting for breach and verdict messages: short, exact enough to check by hand

/** Formats a fraction as a percentage to 4 significant digits, e.g. 0.02613 → "2.613%". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

/** Formats a number with up to 6 significant digits for messages. */
export function short(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
