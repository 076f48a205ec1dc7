import type { BarInput, IndicatorBinding, IndicatorComponent } from '@grandmodel/framework';

/**
 * Shared state of every classic indicator: outputs, the values array, warm-up and sample count.
 * Subclasses implement `update` (increment `count`, write `values` only once ready) and `clear`.
 * Convention: `isReady` turns true after exactly `warmUp` updates, and from then on every value is set.
 *
 * To keep `update` allocation-free, pass numbers between helpers through Float64Arrays (as the kernels do with
 * `input`/`value`) rather than as arguments or return values: V8 boxes a number that crosses a call it does not
 * inline, one heap object per bar.
 */
export abstract class BaseIndicator implements IndicatorComponent {
  readonly outputs: readonly string[];
  readonly values: Float64Array;
  readonly warmUp: number;
  /** Timeframe this instance is fed from (set by the plugin factory); undefined means the base timeframe. */
  timeframe: string | undefined = undefined;
  /** Symbol this instance is fed from (set by the plugin factory); undefined means every symbol. */
  symbol: string | undefined = undefined;
  /** Bars seen since construction or the last reset. */
  protected count = 0;

  protected constructor(outputs: readonly string[], warmUp: number) {
    this.outputs = Object.freeze([...outputs]);
    this.values = new Float64Array(outputs.length).fill(Number.NaN);
    this.warmUp = warmUp;
  }

  get samples(): number {
    return this.count;
  }

  get isReady(): boolean {
    return this.count >= this.warmUp;
  }

  abstract update(bar: BarInput): void;

  /** Returns to the state just after construction. */
  reset(): void {
    this.count = 0;
    this.values.fill(Number.NaN);
    this.clear();
  }

  /** Sets where the engine feeds this instance from; returns the instance. */
  bind(binding: IndicatorBinding): this {
    this.timeframe = binding.timeframe;
    this.symbol = binding.symbol;
    return this;
  }

  /** Clears the subclass state (kernels, previous values). */
  protected abstract clear(): void;
}
