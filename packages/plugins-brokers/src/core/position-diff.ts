import type { Position } from '@grandmodel/framework';

/** Remembers the last positions seen at a venue and tells which changed (a closed position shows as quantity 0). */
export class PositionDiff {
  private last: Map<string, number> | undefined;

  /** Positions whose quantity differs from the previous call; every position on the first call. */
  changes(positions: readonly Position[]): Position[] {
    const previous = this.last;
    const current = new Map(positions.map((position) => [position.symbol, position.quantity]));
    this.last = current;
    const changed = positions.filter((position) => previous === undefined || previous.get(position.symbol) !== position.quantity);
    if (previous !== undefined) {
      for (const [symbol, quantity] of previous) {
        if (!current.has(symbol) && quantity !== 0) changed.push({ symbol, quantity: 0, averagePrice: Number.NaN, realizedPnl: 0, unrealizedPnl: 0, markPrice: Number.NaN });
      }
    }
    return changed;
  }
}
