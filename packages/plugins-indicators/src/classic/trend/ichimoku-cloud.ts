import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';
import { BaseIndicator } from '../core/base-indicator.js';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { parseIndicatorOptions, periodSchema } from '../core/indicator-options.js';
import { RingBuffer } from '../kernels/ring-buffer.js';
import { RollingExtreme } from '../kernels/rolling-extreme.js';

/** Options of `IchimokuCloud`. */
export const ichimokuCloudOptions = z.strictObject({
  tenkanPeriod: periodSchema(9, 'Conversion line (tenkan-sen) look-back'),
  kijunPeriod: periodSchema(26, 'Base line (kijun-sen) look-back'),
  senkouBPeriod: periodSchema(52, 'Leading span B look-back'),
  displacement: periodSchema(26, 'Bars the leading spans are shifted forward (use 25 for the TradingView plot offset)'),
});

/** Midpoint of the highest high and lowest low of a look-back window. */
class Midpoint {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(period: number) {
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  /** Midpoint after the last push. */
  readonly value = new Float64Array(1).fill(Number.NaN);

  push(bar: BarInput): void {
    const { highest, lowest } = this;
    highest.input[0] = bar.high;
    lowest.input[0] = bar.low;
    highest.push();
    lowest.push();
    this.value[0] = (highest.value[0]! + lowest.value[0]!) / 2;
  }

  get isFull(): boolean {
    return this.highest.isFull;
  }

  clear(): void {
    this.highest.clear();
    this.lowest.clear();
    this.value[0] = Number.NaN;
  }
}

/**
 * Ichimoku cloud, causal and aligned with the current bar:
 * `tenkan`, `kijun` = midpoints of the last 9/26 bars; `senkouA` = (tenkan + kijun)/2 and `senkouB` = 52-bar
 * midpoint, both as computed `displacement` bars ago (the cloud drawn above the current bar);
 * `chikou` = the current close, which charts draw `displacement` bars back (it is never shifted into the past here).
 * Warm-up `max(tenkanPeriod, kijunPeriod, senkouBPeriod) + displacement` bars.
 */
export class IchimokuCloud extends BaseIndicator {
  private readonly tenkan: Midpoint;
  private readonly kijun: Midpoint;
  private readonly spanB: Midpoint;
  /** Raw spans of the last `displacement + 1` bars; the oldest applies to the current bar. */
  private readonly pendingA: RingBuffer;
  private readonly pendingB: RingBuffer;

  constructor(options: z.input<typeof ichimokuCloudOptions> = {}) {
    const parsed = parseIndicatorOptions(ichimokuCloudOptions, options, 'IchimokuCloud');
    super(
      ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'],
      Math.max(parsed.tenkanPeriod, parsed.kijunPeriod, parsed.senkouBPeriod) + parsed.displacement,
    );
    this.tenkan = new Midpoint(parsed.tenkanPeriod);
    this.kijun = new Midpoint(parsed.kijunPeriod);
    this.spanB = new Midpoint(parsed.senkouBPeriod);
    this.pendingA = new RingBuffer(parsed.displacement + 1);
    this.pendingB = new RingBuffer(parsed.displacement + 1);
  }

  update(bar: BarInput): void {
    this.count++;
    const { tenkan, kijun, spanB, pendingA, pendingB } = this;
    tenkan.push(bar);
    kijun.push(bar);
    spanB.push(bar);
    if (tenkan.isFull && kijun.isFull) {
      pendingA.input[0] = (tenkan.value[0]! + kijun.value[0]!) / 2;
      pendingA.push();
    }
    if (spanB.isFull) {
      pendingB.input[0] = spanB.value[0]!;
      pendingB.push();
    }
    if (this.count < this.warmUp) return;
    this.values[0] = tenkan.value[0]!;
    this.values[1] = kijun.value[0]!;
    this.values[2] = pendingA.oldest[0]!;
    this.values[3] = pendingB.oldest[0]!;
    this.values[4] = bar.close;
  }

  protected clear(): void {
    this.tenkan.clear();
    this.kijun.clear();
    this.spanB.clear();
    this.pendingA.clear();
    this.pendingB.clear();
  }
}

/** Plugin `ichimoku`: Ichimoku cloud aligned with the current bar. */
export const ichimoku = defineIndicatorPlugin({
  id: 'ichimoku',
  description: 'Ichimoku cloud (tenkan, kijun, displaced senkou spans, chikou)',
  options: ichimokuCloudOptions,
  create: (options) => new IchimokuCloud(options),
});
