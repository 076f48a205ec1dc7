import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions } from '../core/indicator-options.js';
import { PRICE_SOURCES, priceSourceCode, readPrice } from '../core/price-source.js';
import { CompensatedSum } from '../kernels/compensated-sum.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Options of `VolumeWeightedAveragePrice`. */
export const volumeWeightedAveragePriceOptions = z.strictObject({
  reset: z
    .enum(['session', 'week', 'never'])
    .default('session')
    .describe('When the running sums restart: at each session, at each Monday-based week of sessions, or never'),
  sessionStart: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM')
    .default('00:00')
    .describe('Local time a session opens, HH:MM; sessions opening at or after 12:00 belong to the next day'),
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-840)
    .max(840)
    .default(0)
    .describe('Fixed offset of the session clock from UTC in minutes (e.g. -300 for US Central daylight time); no DST rules'),
  source: z.enum(PRICE_SOURCES).default('hlc3').describe('Price weighted by volume; typical price (hlc3) by default'),
});

/**
 * Session-anchored VWAP: Σ(price·volume)/Σvolume since the last reset (the current price while the session has no
 * volume yet). A bar belongs to the session whose open (`sessionStart` on a clock `utcOffsetMinutes` from UTC) is the
 * latest at or before the bar's `start`; sessions opening at or after noon are dated to the next day, as futures
 * trade dates are. Output `value`; warm-up 1 bar.
 */
export class VolumeWeightedAveragePrice extends BaseIndicator {
  private readonly source: number;
  private readonly resetRule: 'session' | 'week' | 'never';
  /** Milliseconds added to `start` so that a session opens at a multiple of a day. */
  private readonly shift: number;
  /** 1 when sessions open in the afternoon and are dated to the next day. */
  private readonly dateOffset: number;
  private readonly weighted = new CompensatedSum();
  private readonly volume = new CompensatedSum();
  private readonly price = new Float64Array(1);
  private period = Number.NaN;

  constructor(options: z.input<typeof volumeWeightedAveragePriceOptions> = {}) {
    const parsed = parseIndicatorOptions(volumeWeightedAveragePriceOptions, options, 'VolumeWeightedAveragePrice');
    super(['value'], 1);
    this.source = priceSourceCode(parsed.source);
    this.resetRule = parsed.reset;
    const [hours, minutes] = parsed.sessionStart.split(':').map(Number) as [number, number];
    const sessionStart = (hours * 60 + minutes) * MINUTE;
    this.shift = parsed.utcOffsetMinutes * MINUTE - sessionStart;
    this.dateOffset = sessionStart >= DAY / 2 ? 1 : 0;
  }

  update(bar: BarInput): void {
    this.count++;
    const { weighted, volume } = this;
    const period = this.periodOf(bar);
    if (period !== this.period) {
      this.period = period;
      weighted.clear();
      volume.clear();
    }
    readPrice(bar, this.source, this.price);
    const price = this.price[0]!;
    weighted.input[0] = price * bar.volume;
    volume.input[0] = bar.volume;
    weighted.add();
    volume.add();
    const total = volume.value[0]!;
    this.values[0] = total > 0 ? weighted.value[0]! / total : price;
  }

  /** Returns the session or week number of a bar from its `start` (0 for the `never` rule). */
  periodOf(bar: Pick<BarInput, 'start'>): number {
    if (this.resetRule === 'never') return 0;
    const day = Math.floor((bar.start + this.shift) / DAY) + this.dateOffset;
    // Day 0 (1970-01-01) was a Thursday, so weeks counted from Monday start at day −3
    return this.resetRule === 'session' ? day : Math.floor((day + 3) / 7);
  }

  protected clear(): void {
    this.weighted.clear();
    this.volume.clear();
    this.period = Number.NaN;
  }
}

/** Plugin `vwap`: session-anchored volume-weighted average price. */
export const vwap = defineIndicatorPlugin({
  id: 'vwap',
  description: 'Volume-weighted average price anchored to sessions or weeks',
  options: volumeWeightedAveragePriceOptions,
  create: (options) => new VolumeWeightedAveragePrice(options),
});
