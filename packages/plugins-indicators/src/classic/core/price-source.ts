import { z } from 'zod';
import type { BarInput } from '@grandmodel/framework';

/** The bar fields and composite prices a scalar-input indicator can read. */
export const PRICE_SOURCES = ['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4'] as const;

/** One of `PRICE_SOURCES`: `hl2` = (high+low)/2, `hlc3` = (high+low+close)/3, `ohlc4` = (open+high+low+close)/4. */
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** Schema of a `source` option, defaulting to `close`. */
export const priceSourceSchema = z
  .enum(PRICE_SOURCES)
  .default('close')
  .describe('Bar field the indicator reads: open, high, low, close, volume, hl2, hlc3 or ohlc4');

/** Numeric codes so the per-bar read is an integer switch, not a string comparison. */
const SOURCE_CODES: Readonly<Record<PriceSource, number>> = { open: 0, high: 1, low: 2, close: 3, volume: 4, hl2: 5, hlc3: 6, ohlc4: 7 };

/** Returns the numeric code of a price source, for use with `readPrice`. */
export function priceSourceCode(source: PriceSource): number {
  return SOURCE_CODES[source];
}

/**
 * Writes the value of a bar at a price source code (see `priceSourceCode`) into `into[index]`.
 * It writes instead of returning so that no number crosses a call V8 might not inline (a boxed double per bar).
 */
export function readPrice(bar: BarInput, code: number, into: Float64Array, index = 0): void {
  switch (code) {
    case 0:
      into[index] = bar.open;
      return;
    case 1:
      into[index] = bar.high;
      return;
    case 2:
      into[index] = bar.low;
      return;
    case 4:
      into[index] = bar.volume;
      return;
    case 5:
      into[index] = (bar.high + bar.low) / 2;
      return;
    case 6:
      into[index] = (bar.high + bar.low + bar.close) / 3;
      return;
    case 7:
      into[index] = (bar.open + bar.high + bar.low + bar.close) / 4;
      return;
    default:
      into[index] = bar.close;
  }
}
