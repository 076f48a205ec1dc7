import type { StressScenario } from './stress-options.js';

/**
 * The configured scenarios as a shock matrix (scenario × instrument slot), filled in as instruments
 * appear, so valuing every scenario is a loop over typed arrays.
 */
export class ScenarioSet {
  readonly count: number;
  private readonly shocks: Float64Array;
  private filled = 0;

  constructor(
    private readonly scenarios: readonly StressScenario[],
    private readonly capacity: number,
  ) {
    this.count = scenarios.length;
    this.shocks = new Float64Array(scenarios.length * capacity);
  }

  /** Name of scenario `index`. */
  name(index: number): string {
    return this.scenarios[index]!.name;
  }

  /** Shock of scenario `index` for the instrument in `slot`. */
  shock(index: number, slot: number): number {
    return this.shocks[index * this.capacity + slot];
  }

  /** Fills the shocks of a newly added instrument (slots arrive in order; repeated calls are no-ops). */
  addInstrument(slot: number, symbol: string): void {
    if (slot < this.filled) return;
    for (let index = 0; index < this.count; index++) {
      const scenario = this.scenarios[index]!;
      this.shocks[index * this.capacity + slot] = scenario.shocks[symbol] ?? scenario.uniform ?? 0;
    }
    this.filled = slot + 1;
  }
}
