/** One OHLCV bar, stamped with its start time; a bar is only published once it has closed. */
export interface Bar {
  readonly symbol: string;
  /** Bar length, e.g. `5m`; `tick:100`, `volume:5000` or `range:10` for activity bars. */
  readonly timeframe: string;
  /** Start of the bar, epoch milliseconds (UTC). */
  readonly start: number;
  /** Time the bar closed, epoch milliseconds: start + length for time bars, the last update for activity bars. */
  readonly end: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** True for gap-filling bars made by the aggregator (flat, volume 0). */
  readonly synthetic: boolean;
}

/** One trade print (or quote mid) from a feed. */
export interface Tick {
  readonly symbol: string;
  /** Epoch milliseconds (UTC). */
  readonly time: number;
  readonly price: number;
  readonly volume: number;
  readonly bid?: number;
  readonly ask?: number;
}
