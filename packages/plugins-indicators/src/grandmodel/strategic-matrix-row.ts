import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { AuxiliaryRegimeFeatures } from './auxiliary-regime-features.js';
import { bindingOptionsShape, parseIndicatorOptions, priceSourceOption } from './indicator-options.js';
import { LowVolumeNode } from './low-volume-node.js';
import { MachineLearningMarketIndicator } from './machine-learning-market-indicator.js';
import { MaximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { NadarayaWatsonRationalQuadratic } from './nadaraya-watson-rational-quadratic.js';
import { RollingNormalizer } from './rolling-normalizer.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `strategic-matrix-row` indicator (spec §4.2). */
export const strategicMatrixRowOptionsSchema = z.strictObject({
  layout: z
    .enum(['canonical', 'repo-enhanced'])
    .default('canonical')
    .describe('Column layout: the §4.2 pick (8 mmd_score, 9/10 momentum) or the repo enhanced one (8–10 mmd_features[0:3])'),
  mlmiScaling: z
    .enum(['k-eff', 'faithful'])
    .default('k-eff')
    .describe('Column 0: mlmi_value / min(k, store size) (pick) or the repo 2·v/100 − 1'),
  lvnStrengthScale: z
    .enum(['unit', 'percent'])
    .default('unit')
    .describe('Column 5: strength already in 0–1 (pick) or a 0–100 score divided by 100'),
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-1440)
    .max(1440)
    .default(0)
    .describe('Minutes added to the bar start (UTC) before taking the hour of day for columns 6–7'),
  warmupSamples: z.number().int().positive().default(100).describe('Normalizer samples averaged cumulatively before EMA weighting'),
  defaultAlpha: z.number().gt(0).lte(1).default(0.01).describe('Normalizer EMA weight of mmd, momentum and volatility columns'),
  nwrqkSlopeAlpha: z.number().gt(0).lte(1).default(0.05).describe('Normalizer EMA weight of the nwrqk_slope column'),
  source: priceSourceOption,
  tickSize: z.number().positive().default(0.25).describe('LVN grid step when the row owns its LVN (standalone use)'),
  ...bindingOptionsShape,
});

/** Input type of the `strategic-matrix-row` options. */
export type StrategicMatrixRowOptions = z.input<typeof strategicMatrixRowOptionsSchema>;

/** Upstream indicators a matrix row reads; when shared, the caller updates them with each bar first. */
export interface StrategicMatrixSources {
  readonly mlmi: MachineLearningMarketIndicator;
  readonly nwrqk: NadarayaWatsonRationalQuadratic;
  readonly lvn: LowVolumeNode;
  readonly mmd: MaximumMeanDiscrepancy;
  readonly auxiliary: AuxiliaryRegimeFeatures;
}

/** Output names of the canonical 48×13 row, as in the golden data. */
export const STRATEGIC_MATRIX_COLUMNS = [
  'sm00_mlmi_value',
  'sm01_mlmi_signal',
  'sm02_nwrqk_value',
  'sm03_nwrqk_slope',
  'sm04_lvn_distance',
  'sm05_lvn_strength',
  'sm06_hour_sin',
  'sm07_hour_cos',
  'sm08_mmd_score',
  'sm09_momentum_20',
  'sm10_momentum_50',
  'sm11_volatility_30',
  'sm12_volume_profile_skew',
] as const;

const ENHANCED_COLUMNS = [...STRATEGIC_MATRIX_COLUMNS.slice(0, 8), 'sm08_mmd_f00', 'sm09_mmd_f01', 'sm10_mmd_f02', ...STRATEGIC_MATRIX_COLUMNS.slice(11)];

/** Columns each strategic agent reads in the canonical layout (spec §4.2). */
export const STRATEGIC_AGENT_COLUMNS = Object.freeze({
  mlmi: Object.freeze([0, 1, 9, 10]),
  nwrqk: Object.freeze([2, 3, 4, 5]),
  regime: Object.freeze([8, 11, 12]),
});

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/**
 * One row of the 30-minute strategic 48×13 matrix per bar (spec §4.1–4.2, golden §4.9): feature-store values
 * (0 while an input has no value yet) transformed and normalized per column. Feed it bars; it either owns its
 * upstream indicators or reads the `latestValues` of shared ones (`sources`) that the caller has already updated
 * with the same bar.
 */
export class StrategicMatrixRow extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof strategicMatrixRowOptionsSchema>>;
  readonly #sources: StrategicMatrixSources;
  readonly #ownsSources: boolean;
  readonly #slope: RollingNormalizer;
  readonly #mmd: RollingNormalizer;
  readonly #momentumShort: RollingNormalizer;
  readonly #momentumLong: RollingNormalizer;
  readonly #volatility: RollingNormalizer;
  // Repo-enhanced layout only: close, high and low of the MMD vector
  readonly #enhanced: RollingNormalizer[];

  constructor(options: StrategicMatrixRowOptions = {}, sources?: StrategicMatrixSources) {
    const parsed = parseIndicatorOptions(strategicMatrixRowOptionsSchema, options, 'strategic-matrix-row');
    super(parsed.layout === 'canonical' ? STRATEGIC_MATRIX_COLUMNS : ENHANCED_COLUMNS, 1, parsed);
    this.options = Object.freeze(parsed);
    this.#ownsSources = sources === undefined;
    this.#sources = sources ?? {
      mlmi: new MachineLearningMarketIndicator({ source: parsed.source }),
      nwrqk: new NadarayaWatsonRationalQuadratic({ source: parsed.source }),
      lvn: new LowVolumeNode({ tickSize: parsed.tickSize }),
      mmd: new MaximumMeanDiscrepancy(),
      auxiliary: new AuxiliaryRegimeFeatures(),
    };
    const normalizer = (alpha: number): RollingNormalizer => new RollingNormalizer(alpha, parsed.warmupSamples);
    this.#slope = normalizer(parsed.nwrqkSlopeAlpha);
    this.#mmd = normalizer(parsed.defaultAlpha);
    this.#momentumShort = normalizer(parsed.defaultAlpha);
    this.#momentumLong = normalizer(parsed.defaultAlpha);
    this.#volatility = normalizer(parsed.defaultAlpha);
    this.#enhanced = [normalizer(parsed.defaultAlpha), normalizer(parsed.defaultAlpha), normalizer(parsed.defaultAlpha)];
  }

  protected compute(bar: BarInput): void {
    const sources = this.#sources;
    if (this.#ownsSources) {
      sources.mlmi.update(bar);
      sources.nwrqk.update(bar);
      sources.lvn.update(bar);
      sources.mmd.update(bar);
      sources.auxiliary.update(bar);
    }
    const options = this.options;
    const price = bar.close;
    const mlmiValues = sources.mlmi.latestValues;
    const nwrqkValues = sources.nwrqk.latestValues;
    const lvnValues = sources.lvn.latestValues;
    const mmdValues = sources.mmd.latestValues;
    const auxiliaryValues = sources.auxiliary.latestValues;
    const mlmiValue = orZero(mlmiValues[8]);
    const slope = orZero(nwrqkValues[2]);
    const mmdScore = orZero(mmdValues[12]);
    const momentumShort = orZero(auxiliaryValues[0]);
    const momentumLong = orZero(auxiliaryValues[1]);
    const volatility = orZero(auxiliaryValues[2]);
    // Normalizers see the raw value before the transform, on every row
    this.#slope.update(slope);
    this.#mmd.update(mmdScore);
    this.#momentumShort.update(momentumShort);
    this.#momentumLong.update(momentumLong);
    this.#volatility.update(volatility);
    const values = this.latestValues;
    const effectiveK = sources.mlmi.effectiveK;
    values[0] =
      options.mlmiScaling === 'faithful'
        ? clip((2 * mlmiValue) / 100 - 1, 1)
        : effectiveK === 0
          ? 0
          : clip(mlmiValue / effectiveK, 1);
    values[1] = orZero(mlmiValues[9]);
    values[2] = price === 0 ? 0 : clip(((orZero(nwrqkValues[0]) - price) / price) * 100, 5) / 5;
    values[3] = this.#slope.count > 10 ? clip(this.#slope.latestZScore, 2) / 2 : Math.tanh(slope * 10);
    values[4] = price === 0 ? 0 : Math.exp(-((orZero(lvnValues[1]) / price) * 100));
    const strength = orZero(lvnValues[8]);
    values[5] = Math.min(Math.max(options.lvnStrengthScale === 'percent' ? strength / 100 : strength, 0), 1);
    const minutes = ((Math.floor(bar.start / MINUTE_MS) + options.utcOffsetMinutes) % DAY_MINUTES + DAY_MINUTES) % DAY_MINUTES;
    const hour = Math.floor(minutes / 60) + (minutes % 60) / 60;
    values[6] = Math.sin((2 * Math.PI * hour) / 24);
    values[7] = Math.cos((2 * Math.PI * hour) / 24);
    if (options.layout === 'canonical') {
      values[8] = defaultTransform(this.#mmd, mmdScore);
      values[9] = defaultTransform(this.#momentumShort, momentumShort);
      values[10] = defaultTransform(this.#momentumLong, momentumLong);
      values[11] = this.#volatility.count > 10 ? clip(this.#volatility.latestZScore, 2) : Math.tanh(volatility);
    } else {
      for (let column = 0; column < 3; column += 1) {
        const normalizer = this.#enhanced[column] as RollingNormalizer;
        const raw = orZero(mmdValues[column]);
        normalizer.update(raw);
        values[8 + column] = defaultTransform(normalizer, raw);
      }
      values[11] = defaultTransform(this.#volatility, volatility);
    }
    values[12] = orZero(auxiliaryValues[3]) / 3;
    for (let column = 0; column < values.length; column += 1) values[column] = clip(values[column] as number, 3);
  }

  protected clearState(): void {
    if (this.#ownsSources) {
      for (const source of Object.values(this.#sources) as StreamingIndicator[]) source.reset();
    }
    for (const normalizer of [this.#slope, this.#mmd, this.#momentumShort, this.#momentumLong, this.#volatility, ...this.#enhanced]) {
      normalizer.reset();
    }
  }
}

function orZero(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

function clip(value: number, bound: number): number {
  return Math.min(Math.max(value, -bound), bound);
}

// The assemblers' default for the value just added: clip(z, ±3)/3 after 10 samples, else clip(v, ±10)/10
function defaultTransform(normalizer: RollingNormalizer, value: number): number {
  return normalizer.count > 10 ? clip(normalizer.latestZScore, 3) / 3 : clip(value, 10) / 10;
}
