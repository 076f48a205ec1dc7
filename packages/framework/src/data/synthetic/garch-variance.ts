/**
 * GARCH(1,1) variance scaled to a long-run mean of 1: h' = (1 − α − β) + α·h·z² + β·h, where z is the
 * standard normal shock of the bar. Multiplying a base variance by `value` gives volatility clustering
 * without changing the average level.
 */
export class GarchVariance {
  /** Current variance multiplier (starts at its long-run mean, 1). */
  value = 1;
  private readonly omega: number;

  constructor(
    private readonly alpha: number,
    private readonly beta: number,
  ) {
    this.omega = 1 - alpha - beta;
  }

  /** Moves to the next bar after a standard normal shock `z`. */
  update(z: number): void {
    this.value = this.omega + this.alpha * this.value * z * z + this.beta * this.value;
  }
}
