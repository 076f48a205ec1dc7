/**
 * `volume_ratio` (spec §3.6, assembler variant): `V_t / EMA(V)` with the EMA seeded at `max(V_0, 1)` and
 * weight `alpha` (0.02 in the 5-minute assembler; the tactical PRD's 2/21 is the alternative). The ratio uses the
 * EMA after this bar's update, floored at 1 so a run of empty bars cannot blow it up.
 */
export class VolumeRatio {
  readonly alpha: number;
  #average = Number.NaN;
  /** Latest ratio. */
  value = 1;

  constructor(alpha = 0.02) {
    this.alpha = alpha;
  }

  /** Adds a bar volume and updates `value`. */
  push(volume: number): void {
    if (Number.isNaN(this.#average)) this.#average = Math.max(volume, 1);
    else this.#average += this.alpha * (volume - this.#average);
    this.value = volume / Math.max(this.#average, 1);
  }

  /** Forgets the average. */
  reset(): void {
    this.#average = Number.NaN;
    this.value = 1;
  }
}
