import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { StreamingIndicator } from './streaming-indicator.js';

/** Options of the `atr-gm` indicator (spec §3.6). */
export const atrGmOptionsSchema = z
  .strictObject({
    period: z.number().int().positive().default(14).describe('True ranges averaged by atr14'),
    minPeriods: z.number().int().positive().default(2).describe('True ranges needed before the first (partial) average'),
    ewmaAlpha: z.number().gt(0).lte(1).optional().describe('Smoothing of atr14_ewma; 2 / (period + 1) when absent'),
    ...bindingOptionsShape,
  })
  .refine((options) => options.minPeriods <= options.period, { message: 'expected minPeriods <= period', path: ['minPeriods'] });

/** Input type of the `atr-gm` options. */
export type AtrGmOptions = z.input<typeof atrGmOptionsSchema>;

/** Output names of `GrandModelAverageTrueRange`, as in the golden data. */
export const GRANDMODEL_ATR_OUTPUTS = ['atr_tr', 'atr14', 'atr14_ewma'] as const;

/**
 * The GrandModel ATR (repo `atr.py`, golden §4.7): true range from the second bar, a simple average of the last
 * `min(period, count)` true ranges once `minPeriods` exist, and an EWMA seeded with the true range of the first
 * bar that has an average. Output names keep the golden `atr14` spelling whatever the period.
 */
export class GrandModelAverageTrueRange extends StreamingIndicator {
  readonly options: Readonly<z.output<typeof atrGmOptionsSchema>>;
  readonly #alpha: number;
  readonly #ranges: Float64Array;
  #previousClose = Number.NaN;
  #rangeCount = 0;
  #ewma = Number.NaN;

  constructor(options: AtrGmOptions = {}) {
    const parsed = parseIndicatorOptions(atrGmOptionsSchema, options, 'atr-gm');
    super(GRANDMODEL_ATR_OUTPUTS, parsed.minPeriods + 1, parsed);
    this.options = Object.freeze(parsed);
    this.#alpha = parsed.ewmaAlpha ?? 2 / (parsed.period + 1);
    this.#ranges = new Float64Array(parsed.period);
  }

  protected compute(bar: BarInput, index: number): void {
    const previousClose = this.#previousClose;
    this.#previousClose = bar.close;
    if (index === 0) return;
    const trueRange = Math.max(bar.high - bar.low, Math.abs(bar.high - previousClose), Math.abs(bar.low - previousClose));
    const ranges = this.#ranges;
    ranges[this.#rangeCount % ranges.length] = trueRange;
    this.#rangeCount += 1;
    this.latestValues[0] = trueRange;
    if (this.#rangeCount < this.options.minPeriods) return;
    const count = Math.min(ranges.length, this.#rangeCount);
    let sum = 0;
    for (let back = count - 1; back >= 0; back -= 1) sum += ranges[(this.#rangeCount - 1 - back) % ranges.length] as number;
    this.latestValues[1] = sum / count;
    // The repo seeds the EWMA only once an average exists, with that bar's true range
    this.#ewma = Number.isNaN(this.#ewma) ? trueRange : this.#alpha * trueRange + (1 - this.#alpha) * this.#ewma;
    this.latestValues[2] = this.#ewma;
  }

  protected clearState(): void {
    this.#previousClose = Number.NaN;
    this.#rangeCount = 0;
    this.#ewma = Number.NaN;
  }
}
