/** The fields of a bar an indicator may read; any `Bar` satisfies it. */
export interface BarInput {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * A streaming indicator: one bar in, its outputs updated in place.
 * `values[i]` holds output `outputs[i]`; it is NaN until the indicator is ready.
 * `update` must not allocate in steady state.
 */
export interface Indicator {
  /** Output names, e.g. `['value']` or `['macd', 'signal', 'histogram']`. */
  readonly outputs: readonly string[];
  /** Latest output values, index-aligned with `outputs`. */
  readonly values: Float64Array;
  /** Number of bars needed before `isReady` becomes true. */
  readonly warmUp: number;
  readonly isReady: boolean;
  /** Bars seen since construction or the last reset. */
  readonly samples: number;
  update(bar: BarInput): void;
  /** Returns to the state just after construction. */
  reset(): void;
}

/** Where the engine feeds an indicator component from: one symbol's bars of one timeframe. */
export interface IndicatorBinding {
  /** Timeframe of the bars fed to this indicator; the base data timeframe when absent. */
  readonly timeframe?: string;
  /** Symbol fed to this indicator; every symbol when absent (single-instrument runs). */
  readonly symbol?: string;
}

/** What an indicator plugin's `create` returns: an indicator and where it is fed from. */
export type IndicatorComponent = Indicator & IndicatorBinding;

/** Registry of a run's indicator components by instance id; agents read their values through it. */
export interface IndicatorRegistry {
  get(id: string): IndicatorComponent;
  has(id: string): boolean;
  ids(): readonly string[];
}
