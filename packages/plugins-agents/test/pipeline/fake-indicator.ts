import type { BarInput, IndicatorComponent } from '@grandmodel/framework';

/** A hand-driven indicator for tests: outputs by name, values set by the test, optional binding. */
export class FakeIndicator implements IndicatorComponent {
  readonly values: Float64Array;
  /** Same array as `values` (the GrandModel indicators' per-output view, which the strategic row reads). */
  readonly latestValues: Float64Array;
  readonly warmUp = 1;
  samples = 0;
  effectiveK = 200;

  constructor(
    readonly outputs: readonly string[],
    readonly timeframe?: string,
    readonly symbol?: string,
  ) {
    this.values = new Float64Array(outputs.length);
    this.latestValues = this.values;
  }

  get isReady(): boolean {
    return this.samples > 0;
  }

  /** Sets outputs by name; names not given keep their value. */
  set(values: Readonly<Record<string, number>>): this {
    for (const [name, value] of Object.entries(values)) {
      const index = this.outputs.indexOf(name);
      if (index < 0) throw new Error(`FakeIndicator has no output ${name}`);
      this.values[index] = value;
    }
    return this;
  }

  update(_bar: BarInput): void {
    this.samples++;
  }

  reset(): void {
    this.samples = 0;
    this.values.fill(0);
  }
}
