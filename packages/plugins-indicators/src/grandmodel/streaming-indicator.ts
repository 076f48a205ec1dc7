import type { BarInput, IndicatorComponent } from '@grandmodel/framework';

/** Where an indicator is fed from, as given in its options. */
export interface BindingOptions {
  readonly timeframe?: string | undefined;
  readonly symbol?: string | undefined;
}

/**
 * Shared bookkeeping of the GrandModel indicators: outputs, values, sample count, readiness and binding.
 * `latestValues` holds each output as soon as that output has a value (its own warm-up, as the golden columns show);
 * `values` follows the framework contract: all NaN until `isReady` (every output has a value), then a copy of
 * `latestValues` after each update.
 */
export abstract class StreamingIndicator implements IndicatorComponent {
  readonly outputs: readonly string[];
  /** Output values once the indicator is ready; NaN before. */
  readonly values: Float64Array;
  /** Output values as soon as each output has one; NaN before that output's own warm-up. */
  readonly latestValues: Float64Array;
  readonly warmUp: number;
  readonly timeframe?: string;
  readonly symbol?: string;
  #samples = 0;

  protected constructor(outputs: readonly string[], warmUp: number, binding: BindingOptions) {
    this.outputs = Object.freeze([...outputs]);
    this.values = new Float64Array(outputs.length).fill(Number.NaN);
    this.latestValues = new Float64Array(outputs.length).fill(Number.NaN);
    this.warmUp = warmUp;
    if (binding.timeframe !== undefined) this.timeframe = binding.timeframe;
    if (binding.symbol !== undefined) this.symbol = binding.symbol;
  }

  /** Bars seen since construction or the last reset. */
  get samples(): number {
    return this.#samples;
  }

  /** True once every output has a value. */
  get isReady(): boolean {
    return this.#samples >= this.warmUp;
  }

  /** Feeds one closed bar; `latestValues` (and, once ready, `values`) then hold the outputs for that bar. */
  update(bar: BarInput): void {
    this.compute(bar, this.#samples);
    this.#samples += 1;
    if (this.#samples >= this.warmUp) this.values.set(this.latestValues);
  }

  /** Returns to the state just after construction. */
  reset(): void {
    this.#samples = 0;
    this.values.fill(Number.NaN);
    this.latestValues.fill(Number.NaN);
    this.clearState();
  }

  /** Reads the latest value of an output by name (from `latestValues`); NaN while it has none. */
  read(output: string): number {
    const index = this.outputs.indexOf(output);
    return index < 0 ? Number.NaN : (this.latestValues[index] as number);
  }

  /** Computes the outputs into `latestValues` for the bar at 0-based position `index` in the stream. */
  protected abstract compute(bar: BarInput, index: number): void;

  /** Clears everything `compute` accumulated. */
  protected abstract clearState(): void;
}
