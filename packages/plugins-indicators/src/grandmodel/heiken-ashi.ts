import type { BarInput } from '@grandmodel/framework';
import { z } from 'zod';
import { bindingOptionsShape, parseIndicatorOptions } from './indicator-options.js';
import { StreamingIndicator } from './streaming-indicator.js';

/**
 * Running Heiken-Ashi conversion of a bar stream (one conversion, never HA-of-HA).
 * `close = ((O + H) + L + C) / 4`; `open` is `(O + C) / 2` on the first bar, then the mean of the previous HA open and close.
 */
export class HeikenAshiCandle {
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  #count = 0;

  /** Converts the next bar; the fields then hold its HA candle. */
  next(bar: BarInput): void {
    const open = this.#count === 0 ? (bar.open + bar.close) / 2 : (this.open + this.close) / 2;
    const close = (bar.open + bar.high + bar.low + bar.close) / 4;
    this.open = open;
    this.close = close;
    this.high = Math.max(bar.high, open, close);
    this.low = Math.min(bar.low, open, close);
    this.#count += 1;
  }

  /** Forgets the open seed. */
  reset(): void {
    this.open = this.high = this.low = this.close = Number.NaN;
    this.#count = 0;
  }
}

/** Options of the `heiken-ashi` indicator. */
export const heikenAshiOptionsSchema = z.strictObject({ ...bindingOptionsShape });

/** Input type of the `heiken-ashi` options. */
export type HeikenAshiOptions = z.input<typeof heikenAshiOptionsSchema>;

/** Output names of `HeikenAshi`, as in the golden data. */
export const HEIKEN_ASHI_OUTPUTS = ['ha_open', 'ha_high', 'ha_low', 'ha_close'] as const;

/** Heiken-Ashi candles (spec §3.0): outputs `ha_open`, `ha_high`, `ha_low`, `ha_close`, all valued from the first bar. */
export class HeikenAshi extends StreamingIndicator {
  readonly #candle = new HeikenAshiCandle();

  constructor(options: HeikenAshiOptions = {}) {
    const parsed = parseIndicatorOptions(heikenAshiOptionsSchema, options, 'heiken-ashi');
    super(HEIKEN_ASHI_OUTPUTS, 1, parsed);
  }

  protected compute(bar: BarInput): void {
    const candle = this.#candle;
    candle.next(bar);
    this.latestValues[0] = candle.open;
    this.latestValues[1] = candle.high;
    this.latestValues[2] = candle.low;
    this.latestValues[3] = candle.close;
  }

  protected clearState(): void {
    this.#candle.reset();
  }
}
