import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { FairValueGapDetector } from './fair-value-gap-detector.js';
import { FairValueGapLifecycle } from './fair-value-gap-lifecycle.js';
import { FairValueGapZones } from './fair-value-gap-zones.js';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `fvg` indicator (spec §3.3). */
export const fvgOptionsSchema = z.strictObject({
  lookbackPeriod: z.number().int().positive().default(10).describe('Bodies averaged for the body filter'),
  bodyMultiplier: z.number().positive().default(1.5).describe('The middle body must exceed this multiple of the mean body'),
  minGapPct: z.number().nonnegative().default(0).describe('Optional minimum gap size in % of the close; 0 turns the filter off (repo default)'),
  validityBars: z.number().int().positive().default(20).describe('Bars an active zone lives at most (research active-zone flags)'),
  maxAge: z.number().int().positive().default(50).describe('Lifecycle gaps expire after this many bars'),
  volumeWindow: z.number().int().positive().default(20).describe('Volumes averaged for the mitigation volume ratio'),
  mitigationLookback: z.number().int().nonnegative().default(5).describe('Bars a mitigation keeps fvg_mitigation_signal/strength set'),
  mitigatedBarsBack: z.number().int().nonnegative().default(0).describe('Bars back fvg_*_mitigated look (0: this bar only)'),
  ...bindingOptionsShape,
});

/** Input type of the `fvg` options. */
export type FvgOptions = z.input<typeof fvgOptionsSchema>;

/** Output names of `FairValueGap`, as in the golden data. */
export const FAIR_VALUE_GAP_OUTPUTS = [
  'fvg_bullish_detected',
  'fvg_bearish_detected',
  'fvg_bullish_active',
  'fvg_bearish_active',
  'fvg_lc_bull_count',
  'fvg_lc_bear_count',
  'fvg_nearest_level',
  'fvg_age',
  'fvg_gap_size',
  'fvg_gap_size_pct',
  'fvg_mitigation_signal',
  'fvg_mitigation_strength',
  'fvg_mitigation_depth',
  'fvg_bullish_mitigated',
  'fvg_bullish_size',
  'fvg_bullish_level',
  'fvg_bearish_mitigated',
  'fvg_bearish_size',
  'fvg_bearish_level',
] as const;

/**
 * FVG, fair value gaps on standard candles (spec §3.3, golden §4.4): three-bar detection with a body filter,
 * the research active-zone flags, and the streaming lifecycle's nearest-gap and mitigation features.
 * Every output is valued from the third bar on.
 */
export class FairValueGap extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof fvgOptionsSchema>>;
  readonly #detector: FairValueGapDetector;
  readonly #zones: FairValueGapZones;
  readonly #lifecycle: FairValueGapLifecycle;

  constructor(options: FvgOptions = {}) {
    const parsed = parseIndicatorOptions(fvgOptionsSchema, options, 'fvg');
    super(FAIR_VALUE_GAP_OUTPUTS, 3, parsed);
    this.options = Object.freeze(parsed);
    this.#detector = new FairValueGapDetector(parsed.lookbackPeriod, parsed.bodyMultiplier, parsed.minGapPct);
    this.#zones = new FairValueGapZones(parsed.validityBars);
    this.#lifecycle = new FairValueGapLifecycle(parsed);
  }

  protected compute(bar: BarInput, index: number): void {
    const detector = this.#detector;
    detector.push(bar, index);
    const { direction, lower, upper } = detector;
    const zones = this.#zones;
    zones.push(index, bar.close, direction, lower, upper);
    const lifecycle = this.#lifecycle;
    lifecycle.process(index, bar.close, bar.volume, direction, lower, upper);
    if (index < 2) return;
    const values = this.latestValues;
    values[0] = direction === 1 ? 1 : 0;
    values[1] = direction === -1 ? 1 : 0;
    values[2] = zones.bullishActive ? 1 : 0;
    values[3] = zones.bearishActive ? 1 : 0;
    values[4] = lifecycle.bullishCount;
    values[5] = lifecycle.bearishCount;
    values[6] = lifecycle.nearestLevel;
    values[7] = lifecycle.nearestAge;
    values[8] = lifecycle.gapSize;
    values[9] = lifecycle.gapSizePct;
    values[10] = lifecycle.mitigationSignal;
    values[11] = lifecycle.mitigationStrength;
    values[12] = lifecycle.mitigationDepth;
    values[13] = lifecycle.bullishMitigated;
    values[14] = lifecycle.bullishSize;
    values[15] = lifecycle.bullishLevel;
    values[16] = lifecycle.bearishMitigated;
    values[17] = lifecycle.bearishSize;
    values[18] = lifecycle.bearishLevel;
  }

  protected clearState(): void {
    this.#detector.reset();
    this.#zones.reset();
    this.#lifecycle.reset();
  }
}
