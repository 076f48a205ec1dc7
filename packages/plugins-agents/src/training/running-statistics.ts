/** Running mean and variance (Welford), for reward scales and z-scores. */
export class RunningStatistics {
  private n = 0;
  private average = 0;
  private squares = 0;

  /** Values seen. */
  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.average;
  }

  /** Population standard deviation; 0 before two values. */
  get std(): number {
    return this.n < 2 ? 0 : Math.sqrt(this.squares / this.n);
  }

  push(value: number): void {
    this.n++;
    const delta = value - this.average;
    this.average += delta / this.n;
    this.squares += delta * (value - this.average);
  }

  /** `(value − mean)/std` clipped to ±`clip`; the value itself (clipped) until the spread is known. */
  zScore(value: number, clip = 10): number {
    const std = this.std;
    const z = std > 1e-12 ? (value - this.average) / std : value;
    return z < -clip ? -clip : z > clip ? clip : z;
  }
}
