import type { Bar, Tick } from '../model/bar.js';

/** Receives each bar an aggregator closes, in emission order. */
export type BarListener = (bar: Bar) => void;

/**
 * What an aggregator does with input that is out of time order or belongs to a bar it has already
 * emitted: `error` throws `GM_INPUT_INVALID`, `drop` ignores the input and counts it.
 */
export type LateInputPolicy = 'error' | 'drop';

/**
 * Builds bars for one symbol from ticks or smaller bars and emits each bar through its listener
 * once the bar is known to be complete. Inputs must come in time order.
 */
export interface BarAggregator {
  /** Adds one trade print. */
  updateTick(tick: Tick): void;
  /** Adds one closed input bar. */
  updateBar(bar: Bar): void;
  /** Tells the aggregator that time has reached `time` (epoch ms), closing time bars that are over. */
  advanceTo(time: number): void;
  /** Emits the bar still open at the end of the data, complete or not. */
  flush(): void;
  /** Forgets all state, as if newly constructed. */
  reset(): void;
}

/** Options every aggregator accepts. */
export interface BarAggregatorOptions {
  /** Called with each bar when it closes. */
  readonly onBar: BarListener;
  /** Symbol this aggregator serves; when absent, the first input's symbol is adopted. */
  readonly symbol?: string;
  /** Handling of out-of-order input. @default 'error' */
  readonly lateInput?: LateInputPolicy;
}

/** Options of time bars (ignored by volume, tick and range bars). */
export interface TimeBarOptions extends BarAggregatorOptions {
  /** Emit flat synthetic bars for empty buckets inside short gaps. @default true */
  readonly gapFill?: boolean;
  /**
   * Longest gap that is filled, from the start of the last emitted bar to the start of the new
   * bucket, in ms or as a duration such as `120m`; longer gaps are session breaks. @default '120m'
   */
  readonly maxGap?: number | string;
  /**
   * Shift of the bucket grid from UTC epoch alignment, in ms or as a duration such as `22h`,
   * e.g. the UTC hour a daily session starts. @default 0
   */
  readonly alignmentOffset?: number | string;
}
