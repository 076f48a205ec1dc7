import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `aux-30m` indicator (spec §3.6). */
export const auxiliaryOptionsSchema = z.strictObject({
  momentumShort: z.number().int().positive().default(20).describe('Bars back of momentum_20'),
  momentumLong: z.number().int().positive().default(50).describe('Bars back of momentum_50'),
  volatilityWindow: z.number().int().positive().default(30).describe('Returns in volatility_30 (it uses window + 1 closes)'),
  skewWindow: z.number().int().min(3).default(20).describe('Volumes in volume_profile_skew'),
  skewClip: z.number().positive().default(3).describe('volume_profile_skew is clipped to ± this'),
  accelerationClip: z.number().positive().default(5).describe('price_acceleration is clipped to ± this'),
  ...bindingOptionsShape,
});

/** Input type of the `aux-30m` options. */
export type AuxiliaryOptions = z.input<typeof auxiliaryOptionsSchema>;

/** Output names of `AuxiliaryRegimeFeatures`, as in the golden data. */
export const AUXILIARY_OUTPUTS = ['momentum_20', 'momentum_50', 'volatility_30', 'volume_profile_skew', 'price_acceleration'] as const;

/**
 * The assembler-computed 30-minute features (spec §3.6, golden §4.8): momentum over 20 and 50 bars, population
 * volatility of the last 30 returns (in %), skewness of the last 20 volumes, and price acceleration. Every output
 * is valued from the first bar, with 0 while data is insufficient, as the assembler does.
 */
export class AuxiliaryRegimeFeatures extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof auxiliaryOptionsSchema>>;
  readonly #closes: Float64Array;
  readonly #volumes: Float64Array;

  constructor(options: AuxiliaryOptions = {}) {
    const parsed = parseIndicatorOptions(auxiliaryOptionsSchema, options, 'aux-30m');
    super(AUXILIARY_OUTPUTS, 1, parsed);
    this.options = Object.freeze(parsed);
    this.#closes = new Float64Array(Math.max(parsed.momentumShort, parsed.momentumLong, parsed.volatilityWindow, 2) + 1);
    this.#volumes = new Float64Array(parsed.skewWindow);
  }

  protected compute(bar: BarInput, index: number): void {
    const options = this.options;
    const closes = this.#closes;
    const length = closes.length;
    closes[index % length] = bar.close;
    this.#volumes[index % this.#volumes.length] = bar.volume;
    // Each helper writes its output slot itself: returning doubles from calls would box them
    const values = this.latestValues;
    values[0] = index >= options.momentumShort ? bar.close / (closes[(index - options.momentumShort) % length] as number) - 1 : 0;
    values[1] = index >= options.momentumLong ? bar.close / (closes[(index - options.momentumLong) % length] as number) - 1 : 0;
    this.#writeVolatility(index);
    this.#writeVolumeSkew(index);
    this.#writeAcceleration(index);
  }

  protected clearState(): void {
    // Ring contents are overwritten before they are read again
  }

  // Population standard deviation of the simple returns of the last volatilityWindow + 1 closes, in %
  #writeVolatility(index: number): void {
    const closes = this.#closes;
    const length = closes.length;
    const first = Math.max(0, index - this.options.volatilityWindow);
    const count = index - first;
    if (count < 1) {
      this.latestValues[2] = 0;
      return;
    }
    let sum = 0;
    for (let bar = first + 1; bar <= index; bar += 1) {
      const previous = closes[(bar - 1) % length] as number;
      sum += ((closes[bar % length] as number) - previous) / previous;
    }
    const mean = sum / count;
    let squares = 0;
    for (let bar = first + 1; bar <= index; bar += 1) {
      const previous = closes[(bar - 1) % length] as number;
      const deviation = ((closes[bar % length] as number) - previous) / previous - mean;
      squares += deviation * deviation;
    }
    this.latestValues[2] = Math.sqrt(squares / count) * 100;
  }

  // Population skewness of the last skewWindow volumes, clipped; 0 when undefined
  #writeVolumeSkew(index: number): void {
    const volumes = this.#volumes;
    const length = volumes.length;
    const count = Math.min(index + 1, length);
    this.latestValues[3] = 0;
    if (count < 3) return;
    const first = index - count + 1;
    let sum = 0;
    for (let bar = first; bar <= index; bar += 1) sum += volumes[bar % length] as number;
    const mean = sum / count;
    let squares = 0;
    for (let bar = first; bar <= index; bar += 1) {
      const deviation = (volumes[bar % length] as number) - mean;
      squares += deviation * deviation;
    }
    const std = Math.sqrt(squares / count);
    if (std === 0 || mean === 0) return;
    let cubes = 0;
    for (let bar = first; bar <= index; bar += 1) {
      const z = ((volumes[bar % length] as number) - mean) / std;
      cubes += z * z * z;
    }
    const clip = this.options.skewClip;
    this.latestValues[3] = Math.min(Math.max(cubes / count, -clip), clip);
  }

  // Change of the percent velocity between the last two bar pairs, clipped; 0 before the fourth bar
  #writeAcceleration(index: number): void {
    if (index < 3) {
      this.latestValues[4] = 0;
      return;
    }
    const closes = this.#closes;
    const length = closes.length;
    const before = closes[(index - 2) % length] as number;
    const previous = closes[(index - 1) % length] as number;
    const velocityBefore = ((previous - before) / before) * 100;
    const velocity = (((closes[index % length] as number) - previous) / previous) * 100;
    const clip = this.options.accelerationClip;
    this.latestValues[4] = Math.min(Math.max(velocity - velocityBefore, -clip), clip);
  }
}
