import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { HeikenAshiCandle } from './heiken-ashi.js';
import { bindingOptionsShape, outputSuffixOption, parseIndicatorOptions, priceSourceOption } from './indicator-options.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `nw-rqk` indicator (spec §3.2). */
export const nwRqkOptionsSchema = z
  .strictObject({
    source: priceSourceOption,
    bandwidth: z.number().positive().default(8).describe('Kernel bandwidth h (in bars) of yhat1'),
    relativeWeight: z.number().positive().default(8).describe('Relative weighting r (alpha) of the rational-quadratic kernel'),
    startBar: z.number().int().nonnegative().default(25).describe('x_0: first bar (0-based) with a regression value'),
    lag: z.number().nonnegative().default(2).describe('yhat2 uses bandwidth h − lag'),
    smoothColors: z.boolean().default(false).describe('Signal on yhat2/yhat1 crosses instead of yhat1 turning points'),
    pineAlertStreamCompat: z.boolean().default(false).describe('Negate the signal, as the Pine/engine alert stream does'),
    maxLag: z
      .number()
      .int()
      .min(300)
      .default(500)
      .describe('Sums stop at this many bars back; from 300 on the dropped tail is below half an ulp (memory bound)'),
    outputSuffix: outputSuffixOption,
    ...bindingOptionsShape,
  })
  .refine((options) => options.lag < options.bandwidth, { message: 'expected lag < bandwidth', path: ['lag'] });

/** Input type of the `nw-rqk` options. */
export type NwRqkOptions = z.input<typeof nwRqkOptionsSchema>;

const OUTPUTS = ['nwrqk_yhat1', 'nwrqk_yhat2', 'nwrqk_slope', 'nwrqk_signal', 'nwrqk_cross'] as const;

/** Returns the kernel weights `w[j] = (1 + j² / ((h·h)·2·r))^(−r)` for `j < count`. */
export function rationalQuadraticWeights(bandwidth: number, relativeWeight: number, count: number): Float64Array {
  const weights = new Float64Array(count);
  const denominator = bandwidth * bandwidth * 2 * relativeWeight;
  for (let lag = 0; lag < count; lag += 1) weights[lag] = Math.pow(1 + (lag * lag) / denominator, -relativeWeight);
  return weights;
}

/**
 * NW-RQK, Nadaraya–Watson regression with a rational-quadratic kernel over bar lags (spec §3.2, golden §4.3).
 * `yhat = Σ s[t−j]·w[j] / Σ w[j]`, summed newest first; outputs the golden `nwrqk_*` columns (plus `outputSuffix`).
 * Per bar cost is O(maxLag); memory is two weight tables and a 2·maxLag price buffer.
 */
export class NadarayaWatsonRationalQuadratic extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof nwRqkOptionsSchema>>;
  readonly #candle = new HeikenAshiCandle();
  readonly #weightsMain: Float64Array;
  readonly #weightsLagged: Float64Array;
  // Prefix sums of the weights, in the same sequential order as the full sums
  readonly #denominatorMain: Float64Array;
  readonly #denominatorLagged: Float64Array;
  readonly #prices: Float64Array;
  #previous = Number.NaN;
  #beforePrevious = Number.NaN;
  #previousLagged = Number.NaN;

  constructor(options: NwRqkOptions = {}) {
    const parsed = parseIndicatorOptions(nwRqkOptionsSchema, options, 'nw-rqk');
    super(
      OUTPUTS.map((name) => name + parsed.outputSuffix),
      parsed.startBar + 2,
      parsed,
    );
    this.options = Object.freeze(parsed);
    const count = parsed.maxLag;
    this.#weightsMain = rationalQuadraticWeights(parsed.bandwidth, parsed.relativeWeight, count);
    this.#weightsLagged = rationalQuadraticWeights(parsed.bandwidth - parsed.lag, parsed.relativeWeight, count);
    this.#denominatorMain = prefixSums(this.#weightsMain);
    this.#denominatorLagged = prefixSums(this.#weightsLagged);
    this.#prices = new Float64Array(2 * count);
  }

  protected compute(bar: BarInput, index: number): void {
    const options = this.options;
    let price = bar.close;
    if (options.source === 'ha_close') {
      this.#candle.next(bar);
      price = this.#candle.close;
    }
    const count = options.maxLag;
    const slot = index % count;
    const prices = this.#prices;
    prices[slot] = price;
    prices[slot + count] = price;
    if (index < options.startBar) return;
    const terms = Math.min(index + 1, count);
    const newest = slot + count;
    const weightsMain = this.#weightsMain;
    const weightsLagged = this.#weightsLagged;
    let numeratorMain = 0;
    let numeratorLagged = 0;
    for (let lag = 0; lag < terms; lag += 1) {
      const past = prices[newest - lag] as number;
      numeratorMain += past * (weightsMain[lag] as number);
      numeratorLagged += past * (weightsLagged[lag] as number);
    }
    const yhat1 = numeratorMain / (this.#denominatorMain[terms - 1] as number);
    const yhat2 = numeratorLagged / (this.#denominatorLagged[terms - 1] as number);
    const previous = this.#previous;
    const beforePrevious = this.#beforePrevious;
    // Comparisons with a value from before startBar involve NaN and are false, as specified
    const bullishChange = yhat1 > previous && previous < beforePrevious;
    const bearishChange = yhat1 < previous && previous > beforePrevious;
    const previousLagged = this.#previousLagged;
    const cross =
      yhat2 > yhat1 && previousLagged <= previous ? 1 : yhat2 < yhat1 && previousLagged >= previous ? -1 : 0;
    let signal = options.smoothColors ? cross : bullishChange ? 1 : bearishChange ? -1 : 0;
    if (options.pineAlertStreamCompat && signal !== 0) signal = -signal;
    const values = this.latestValues;
    values[0] = yhat1;
    values[1] = yhat2;
    values[2] = (yhat1 - previous) / previous;
    values[3] = signal;
    values[4] = cross;
    this.#beforePrevious = previous;
    this.#previous = yhat1;
    this.#previousLagged = yhat2;
  }

  protected clearState(): void {
    this.#candle.reset();
    this.#previous = this.#beforePrevious = this.#previousLagged = Number.NaN;
  }
}

function prefixSums(weights: Float64Array): Float64Array {
  const sums = new Float64Array(weights.length);
  let running = 0;
  for (let index = 0; index < weights.length; index += 1) sums[index] = running += weights[index] as number;
  return sums;
}
