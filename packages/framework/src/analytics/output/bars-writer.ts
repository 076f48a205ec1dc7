import { writeFileSync } from 'node:fs';
import type { Bar } from '../../model/bar.js';
import { BucketDownsampler } from '../downsample/bucket-downsampler.js';
import type { Aggregation } from '../downsample/bucket-downsampler.js';
import { formatIsoTime, formatNumber } from '../format/format-number.js';
import { toCsvRow } from '../format/csv-row.js';
import { BAR_COLUMNS } from './run-files.js';

/** Candle columns kept per bucket: start, end, open, high, low, close, volume, bars merged. */
const CANDLE: readonly Aggregation[] = ['first', 'last', 'first', 'max', 'min', 'last', 'sum', 'sum'];

/** Default most candles per symbol in `bars.csv`. */
export const DEFAULT_MAX_CANDLES = 2000;

/**
 * Collects the base bars of each symbol as at most `maxCandles` candles (see `BucketDownsampler`:
 * when a symbol has more bars, neighbours merge so each candle covers 2, 4, 8… bars) and writes
 * them to `bars.csv` on `writeTo`. Memory is bounded by symbols × maxCandles.
 */
export class BarsWriter {
  private readonly candles = new Map<string, BucketDownsampler>();
  private readonly row = new Float64Array(CANDLE.length);

  constructor(readonly maxCandles = DEFAULT_MAX_CANDLES) {}

  /** Adds one bar (callers pass one timeframe per symbol). */
  record(bar: Bar): void {
    let sampler = this.candles.get(bar.symbol);
    if (sampler === undefined) {
      sampler = new BucketDownsampler(CANDLE, this.maxCandles);
      this.candles.set(bar.symbol, sampler);
    }
    const row = this.row;
    row[0] = bar.start;
    row[1] = bar.end;
    row[2] = bar.open;
    row[3] = bar.high;
    row[4] = bar.low;
    row[5] = bar.close;
    row[6] = bar.volume;
    row[7] = 1;
    sampler.add(row);
  }

  /** Writes `bars.csv`: symbols in the order first seen, candles in time order. */
  writeTo(path: string): void {
    let text = toCsvRow(BAR_COLUMNS);
    for (const [symbol, sampler] of this.candles) {
      for (let i = 0; i < sampler.length; i++) {
        text += toCsvRow([
          symbol,
          formatIsoTime(sampler.value(i, 0)),
          formatIsoTime(sampler.value(i, 1)),
          formatNumber(sampler.value(i, 2)),
          formatNumber(sampler.value(i, 3)),
          formatNumber(sampler.value(i, 4)),
          formatNumber(sampler.value(i, 5)),
          formatNumber(sampler.value(i, 6)),
          String(sampler.value(i, 7)),
        ]);
      }
    }
    writeFileSync(path, text);
  }
}
