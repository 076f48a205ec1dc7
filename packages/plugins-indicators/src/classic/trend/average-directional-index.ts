import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { ExponentialAverage } from '../kernels/exponential-average.js';

/** Options of `AverageDirectionalIndex`. */
export const averageDirectionalIndexOptions = z.strictObject({
  period: periodSchema(14, 'Wilder smoothing length for DM, TR and DX'),
});

/**
 * Wilder's ADX / DMI. From the second bar: +DM = up move if it exceeds the down move and is positive (else 0),
 * −DM likewise, TR the true range; each is RMA-smoothed (SMA-seeded), +DI = 100·+DM/TR, −DI = 100·−DM/TR,
 * DX = 100·|+DI − −DI|/(+DI + −DI) (0 when both are 0), ADX = RMA(DX). Outputs `adx`, `plusDi`, `minusDi`;
 * warm-up `2·period` bars (DI from bar period + 1, ADX after `period` DX values).
 */
export class AverageDirectionalIndex extends BaseIndicator {
  private readonly plusMove: ExponentialAverage;
  private readonly minusMove: ExponentialAverage;
  private readonly range: ExponentialAverage;
  private readonly adx: ExponentialAverage;
  private previousHigh = Number.NaN;
  private previousLow = Number.NaN;
  private previousClose = Number.NaN;

  constructor(options: z.input<typeof averageDirectionalIndexOptions> = {}) {
    const { period } = parseIndicatorOptions(averageDirectionalIndexOptions, options, 'AverageDirectionalIndex');
    super(['adx', 'plusDi', 'minusDi'], 2 * period);
    this.plusMove = ExponentialAverage.wilder(period);
    this.minusMove = ExponentialAverage.wilder(period);
    this.range = ExponentialAverage.wilder(period);
    this.adx = ExponentialAverage.wilder(period);
  }

  update(bar: BarInput): void {
    this.count++;
    const { high, low, close } = bar;
    const up = high - this.previousHigh;
    const down = this.previousLow - low;
    const previousClose = this.previousClose;
    this.previousHigh = high;
    this.previousLow = low;
    this.previousClose = close;
    if (this.count === 1) return;
    const { plusMove, minusMove, range, adx } = this;
    plusMove.input[0] = up > down && up > 0 ? up : 0;
    minusMove.input[0] = down > up && down > 0 ? down : 0;
    range.input[0] = Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
    plusMove.push();
    minusMove.push();
    range.push();
    if (!range.isReady) return;
    const trueRange = range.value[0]!;
    const plusDi = trueRange > 0 ? (100 * plusMove.value[0]!) / trueRange : 0;
    const minusDi = trueRange > 0 ? (100 * minusMove.value[0]!) / trueRange : 0;
    const sum = plusDi + minusDi;
    adx.input[0] = sum > 0 ? (100 * Math.abs(plusDi - minusDi)) / sum : 0;
    adx.push();
    if (!adx.isReady) return;
    this.values[0] = adx.value[0]!;
    this.values[1] = plusDi;
    this.values[2] = minusDi;
  }

  protected clear(): void {
    this.plusMove.clear();
    this.minusMove.clear();
    this.range.clear();
    this.adx.clear();
    this.previousHigh = Number.NaN;
    this.previousLow = Number.NaN;
    this.previousClose = Number.NaN;
  }
}

/** Plugin `adx`: Wilder's ADX with +DI and −DI. */
export const adx = defineIndicatorPlugin({
  id: 'adx',
  description: "Wilder's average directional index with +DI and −DI",
  options: averageDirectionalIndexOptions,
  create: (options) => new AverageDirectionalIndex(options),
});
