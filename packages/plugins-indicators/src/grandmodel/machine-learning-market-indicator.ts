import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { HeikenAshiCandle } from './heiken-ashi.js';
import { bindingOptionsShape, outputSuffixOption, parseIndicatorOptions, priceSourceOption } from './indicator-options.js';
import { KnnLabelStore } from './knn-label-store.js';
import { StreamingIndicator } from './streaming-indicator.js';
import { WeightedMovingAverageWindow } from './weighted-moving-average-window.js';
import { WilderRsi } from './wilder-rsi.js';

/** Options of the `mlmi` indicator (spec §3.1). */
export const mlmiOptionsSchema = z.strictObject({
  source: priceSourceOption,
  numNeighbors: z.number().int().positive().default(200).describe('k of the kNN vote; the value lies in [−k, k]'),
  momentumWindow: z.number().int().positive().default(20).describe('WMA length of the RSI features; predictions start at this bar'),
  maQuickLength: z.number().int().positive().default(5).describe('Length of the quick WMA of the price'),
  maSlowLength: z.number().int().positive().default(20).describe('Length of the slow WMA of the price'),
  rsiQuickLength: z.number().int().positive().default(5).describe('Period of the quick Wilder RSI'),
  rsiSlowLength: z.number().int().positive().default(20).describe('Period of the slow Wilder RSI'),
  maxStoreSize: z.number().int().positive().default(10_000).describe('Capacity of the kNN store; the oldest entry is evicted beyond it'),
  signalVariant: z
    .enum(['zero-cross', 'engine'])
    .default('zero-cross')
    .describe('What `mlmi_signal` holds: the zero-line cross (pick b) or the engine flag (variant a)'),
  outputSuffix: outputSuffixOption,
  ...bindingOptionsShape,
});

/** Input type of the `mlmi` options. */
export type MlmiOptions = z.input<typeof mlmiOptionsSchema>;

const OUTPUTS = [
  'mlmi_ma_quick',
  'mlmi_ma_slow',
  'mlmi_rsi_quick',
  'mlmi_rsi_slow',
  'mlmi_f_quick',
  'mlmi_f_slow',
  'mlmi_cross',
  'mlmi_store_size',
  'mlmi_value',
  'mlmi_signal',
  'mlmi_signal_engine',
] as const;

/**
 * MLMI, the kNN market indicator (spec §3.1, golden §4.2), streamed causally: on each bar, a quick/slow WMA
 * crossover stores `(f_slow, f_quick, price, label)`, then the bar is scored by the label sum of its k nearest
 * stored points. Outputs the golden `mlmi_*` columns (with `outputSuffix` appended).
 */
export class MachineLearningMarketIndicator extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof mlmiOptionsSchema>>;
  readonly #candle = new HeikenAshiCandle();
  readonly #maQuick: WeightedMovingAverageWindow;
  readonly #maSlow: WeightedMovingAverageWindow;
  readonly #rsiQuick: WilderRsi;
  readonly #rsiSlow: WilderRsi;
  readonly #featureQuick: WeightedMovingAverageWindow;
  readonly #featureSlow: WeightedMovingAverageWindow;
  readonly #store: KnnLabelStore;
  #previousQuick = 0;
  #previousSlow = 0;
  #previousValue = 0;

  constructor(options: MlmiOptions = {}) {
    const parsed = parseIndicatorOptions(mlmiOptionsSchema, options, 'mlmi');
    super(
      OUTPUTS.map((name) => name + parsed.outputSuffix),
      parsed.momentumWindow + 1,
      parsed,
    );
    this.options = Object.freeze(parsed);
    this.#maQuick = new WeightedMovingAverageWindow(parsed.maQuickLength);
    this.#maSlow = new WeightedMovingAverageWindow(parsed.maSlowLength);
    this.#rsiQuick = new WilderRsi(parsed.rsiQuickLength);
    this.#rsiSlow = new WilderRsi(parsed.rsiSlowLength);
    this.#featureQuick = new WeightedMovingAverageWindow(parsed.momentumWindow);
    this.#featureSlow = new WeightedMovingAverageWindow(parsed.momentumWindow);
    this.#store = new KnnLabelStore(parsed.maxStoreSize);
  }

  /** Effective k of the latest vote: `min(numNeighbors, store size)`. */
  get effectiveK(): number {
    return Math.min(this.options.numNeighbors, this.#store.size);
  }

  protected compute(bar: BarInput, index: number): void {
    const options = this.options;
    let price = bar.close;
    if (options.source === 'ha_close') {
      this.#candle.next(bar);
      price = this.#candle.close;
    }
    // Results are read from `value` fields: returning doubles from calls would box them
    this.#maQuick.push(price);
    this.#maSlow.push(price);
    this.#rsiQuick.push(price);
    this.#rsiSlow.push(price);
    const maQuick = this.#maQuick.value;
    const maSlow = this.#maSlow.value;
    const rsiQuick = this.#rsiQuick.value;
    const rsiSlow = this.#rsiSlow.value;
    this.#featureQuick.push(rsiQuick);
    this.#featureSlow.push(rsiSlow);
    const featureQuick = this.#featureQuick.value;
    const featureSlow = this.#featureSlow.value;
    let cross = 0;
    if (index > 0) {
      if (maQuick > maSlow && this.#previousQuick <= this.#previousSlow) cross = 1;
      else if (maQuick < maSlow && this.#previousQuick >= this.#previousSlow) cross = -1;
    }
    this.#previousQuick = maQuick;
    this.#previousSlow = maSlow;
    // Store first, then predict with the entry just stored (causal streaming, golden §4.2)
    if (cross !== 0) this.#store.append(featureSlow, featureQuick, price);
    const values = this.latestValues;
    values[0] = maQuick;
    values[1] = maSlow;
    values[2] = rsiQuick;
    values[3] = rsiSlow;
    values[4] = featureQuick;
    values[5] = featureSlow;
    values[6] = cross;
    values[7] = this.#store.size;
    if (index < options.momentumWindow) return;
    const value = this.#store.predict(featureSlow, featureQuick, options.numNeighbors);
    const previous = this.#previousValue;
    const zeroCross = value > 0 && previous <= 0 ? 1 : value < 0 && previous >= 0 ? -1 : 0;
    const engine =
      value > 0 && cross === 1 ? 1 : value < 0 && cross === -1 ? -1 : value > 2 ? 1 : value < -2 ? -1 : 0;
    this.#previousValue = value;
    values[8] = value;
    values[9] = options.signalVariant === 'engine' ? engine : zeroCross;
    values[10] = engine;
  }

  protected clearState(): void {
    this.#candle.reset();
    this.#maQuick.reset();
    this.#maSlow.reset();
    this.#rsiQuick.reset();
    this.#rsiSlow.reset();
    this.#featureQuick.reset();
    this.#featureSlow.reset();
    this.#store.reset();
    this.#previousQuick = this.#previousSlow = this.#previousValue = 0;
  }
}
