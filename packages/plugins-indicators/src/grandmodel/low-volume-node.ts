import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { GridVolumeProfile, nearestInteger } from './grid-volume-profile.js';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { LvnInteractionHistory } from './lvn-interaction-history.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `lvn` indicator (spec §3.4). */
export const lvnOptionsSchema = z
  .strictObject({
    tickSize: z.number().positive().default(0.25).describe('Price grid step: the instrument tick (0.25 for ES/NQ, 0.01 for CL)'),
    windowBars: z.number().int().positive().default(100).describe('Bars in the volume profile (max_history_length)'),
    minBars: z.number().int().positive().default(20).describe('Bars needed before the first profile (lookback_periods)'),
    strengthThreshold: z.number().gt(0).lt(1).default(0.7).describe('Levels below (1 − this) × POC volume are LVNs'),
    testFraction: z.number().positive().default(0.0025).describe('A close within this fraction of the LVN price is a test'),
    rejectionMultiplier: z.number().positive().default(2).describe('A rejection moves beyond this multiple of the test distance'),
    rejectionBars: z.number().int().min(1).max(255).default(4).describe('Bars after a test in which a rejection counts'),
    historyDays: z.number().positive().default(7).describe('Tests older than this many days are pruned'),
    recencyHours: z.number().positive().default(168).describe('Hours over which the recency factor decays to 0'),
    countRejections: z.boolean().default(true).describe('Count rejections (spec intent); false reproduces the repo, where they stay 0'),
    ...bindingOptionsShape,
  })
  .refine((options) => options.minBars <= options.windowBars, { message: 'expected minBars <= windowBars', path: ['minBars'] });

/** Input type of the `lvn` options. */
export type LvnOptions = z.input<typeof lvnOptionsSchema>;

/** Output names of `LowVolumeNode`, as in the golden data. */
export const LOW_VOLUME_NODE_OUTPUTS = [
  'lvn_nearest_price',
  'lvn_distance_points',
  'lvn_poc_volume',
  'lvn_level_volume',
  'lvn_base_strength',
  'lvn_n_tests',
  'lvn_n_rejections',
  'lvn_recency',
  'lvn_nearest_strength',
] as const;

/**
 * LVN, the low-volume node nearest the close (spec §3.4, golden §4.5), on standard bars: a grid volume profile
 * of the last `windowBars` bars, plus the engine's 0–1 strength overlay from tests and rejections of that level
 * in bar time. Outputs are valued from bar `minBars − 1` on.
 */
export class LowVolumeNode extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof lvnOptionsSchema>>;
  readonly #profile = new GridVolumeProfile();
  readonly #history: LvnInteractionHistory;
  readonly #lows: Float64Array;
  readonly #highs: Float64Array;
  readonly #volumes: Float64Array;

  constructor(options: LvnOptions = {}) {
    const parsed = parseIndicatorOptions(lvnOptionsSchema, options, 'lvn');
    super(LOW_VOLUME_NODE_OUTPUTS, parsed.minBars, parsed);
    this.options = Object.freeze(parsed);
    this.#history = new LvnInteractionHistory({ ...parsed, historySeconds: parsed.historyDays * 86_400 });
    this.#lows = new Float64Array(parsed.windowBars);
    this.#highs = new Float64Array(parsed.windowBars);
    this.#volumes = new Float64Array(parsed.windowBars);
  }

  protected compute(bar: BarInput, index: number): void {
    const options = this.options;
    const slot = index % options.windowBars;
    this.#lows[slot] = bar.low;
    this.#highs[slot] = bar.high;
    this.#volumes[slot] = bar.volume;
    const history = this.#history;
    history.observeClose(index, bar.close);
    if (index < options.minBars - 1) return;
    const profile = this.#profile;
    const count = Math.min(index + 1, options.windowBars);
    profile.build(this.#lows, this.#highs, this.#volumes, slot, count, bar.close, options.tickSize, options.strengthThreshold);
    const values = this.latestValues;
    values[2] = profile.pocVolume;
    if (profile.nearestLevel < 0) {
      // No level qualifies: the repo's defaults
      values[0] = values[1] = values[4] = values[5] = values[6] = values[7] = values[8] = 0;
      values[3] = Number.NaN;
      return;
    }
    const price = profile.nearestPrice;
    const baseStrength = 1 - profile.nearestVolume / profile.pocVolume;
    history.evaluate(index, bar.start / 1000, bar.close, price, nearestInteger(price / options.tickSize));
    values[0] = price;
    values[1] = Math.abs(bar.close - price);
    values[3] = profile.nearestVolume;
    values[4] = baseStrength;
    values[5] = history.testCount;
    values[6] = history.rejectionCount;
    values[7] = history.recency;
    values[8] = Math.min(
      1,
      baseStrength * 0.4 +
        Math.min(history.testCount / 10, 1) * 0.3 +
        Math.min(history.rejectionCount / 5, 1) * 0.2 +
        history.recency * 0.1,
    );
  }

  protected clearState(): void {
    this.#history.reset();
  }
}
