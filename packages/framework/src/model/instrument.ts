/** A tradable contract: how its prices are quoted and what one unit of quantity is worth. */
export interface Instrument {
  /** Venue-independent symbol, e.g. `NQ` or `BTC/USDT`. */
  readonly symbol: string;
  /** Smallest price increment; prices are rounded to this grid. */
  readonly tickSize: number;
  /** Currency value of a one-point move for one unit (futures point value; 1 for shares and spot). */
  readonly multiplier: number;
  /** Settlement currency. */
  readonly currency: string;
  /** Initial margin as a fraction of notional; 1 means fully paid (no leverage). */
  readonly marginRate: number;
}

/** Returns an instrument with defaults filled in: multiplier 1, currency USD, margin fully paid. */
export function createInstrument(input: Partial<Instrument> & Pick<Instrument, 'symbol'>): Instrument {
  return Object.freeze({
    symbol: input.symbol,
    tickSize: input.tickSize ?? 0.01,
    multiplier: input.multiplier ?? 1,
    currency: input.currency ?? 'USD',
    marginRate: input.marginRate ?? 1,
  });
}

/** Rounds a price to the nearest multiple of the instrument's tick size. */
export function roundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  // Trim the float noise of ticks · tickSize (e.g. 0.1 + 0.2) to the tick's own decimals
  return Number((ticks * tickSize).toFixed(tickDecimals(tickSize)));
}

const DECIMALS = new Map<number, number>();

/** Decimal places of a tick size (0.25 → 2, 0.01 → 2, 5 → 0, 1e-8 → 8), at most 15. */
function tickDecimals(tickSize: number): number {
  let decimals = DECIMALS.get(tickSize);
  if (decimals === undefined) {
    decimals = 0;
    while (decimals < 15 && Math.abs(Math.round(tickSize * 10 ** decimals) - tickSize * 10 ** decimals) > 1e-9) decimals++;
    DECIMALS.set(tickSize, decimals);
  }
  return decimals;
}
