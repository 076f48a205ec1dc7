/**
 * The matrix assemblers' per-feature normalizer (repo `normalizers.py`, golden §4.9): a cumulative mean and
 * variance for the first `warmupSamples` values, then an exponentially weighted one with `alpha`.
 */
export class RollingNormalizer {
  readonly alpha: number;
  readonly warmupSamples: number;
  count = 0;
  mean = 0;
  variance = 0;
  /** `zScore` of the value most recently added (kept as a field so hot callers need no call that returns a double). */
  latestZScore = 0;

  constructor(alpha: number, warmupSamples = 100) {
    this.alpha = alpha;
    this.warmupSamples = warmupSamples;
  }

  /** Adds a value: `a = 1/n` while n ≤ warmupSamples, else alpha; `mean += a·d`, `var = (1 − a)·(var + a·d·d)`. */
  update(value: number): void {
    this.count += 1;
    if (this.count === 1) {
      this.mean = value;
      this.variance = 0;
      this.latestZScore = 0;
      return;
    }
    const weight = this.count <= this.warmupSamples ? 1 / this.count : this.alpha;
    const delta = value - this.mean;
    this.mean += weight * delta;
    this.variance = (1 - weight) * (this.variance + weight * delta * delta);
    const deviation = Math.sqrt(Math.max(this.variance, 0));
    this.latestZScore = deviation <= 1e-10 ? 0 : Math.min(Math.max((value - this.mean) / deviation, -3), 3);
  }

  /** Returns `clip((x − mean)/σ, −3, 3)`, or 0 before two values or when σ ≤ 1e-10. */
  zScore(value: number): number {
    const deviation = Math.sqrt(Math.max(this.variance, 0));
    if (this.count < 2 || deviation <= 1e-10) return 0;
    return Math.min(Math.max((value - this.mean) / deviation, -3), 3);
  }

  /** Forgets every value. */
  reset(): void {
    this.count = 0;
    this.mean = this.variance = this.latestZScore = 0;
  }
}
