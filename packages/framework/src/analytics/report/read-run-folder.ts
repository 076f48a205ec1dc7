import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SdkError } from '../../errors/sdk-error.js';
import { BucketDownsampler } from '../downsample/bucket-downsampler.js';
import { StrideSampler } from '../downsample/stride-sampler.js';
import { readCsvRecords } from '../format/csv-reader.js';
import { EquitySampler } from './equity-sampler.js';
import { RUN_FILES } from '../output/run-files.js';

/** Bounds on what a report embeds, whatever the length of the run. */
export interface ReportLimits {
  /** Most points of the equity and drawdown charts (min/max envelope per point). @default 2000 */
  readonly equityPoints?: number;
  /** Most candles per symbol (bars.csv is already bounded by its writer; this re-bounds foreign files). @default 2000 */
  readonly candles?: number;
  /** Most trades shown as markers and table rows (an evenly spaced sample). @default 1000 */
  readonly trades?: number;
}

/** Equity curve folded into buckets: per bucket first/last time, min/max/last equity, deepest drawdown. */
export interface ReportEquity {
  readonly start: number[];
  readonly end: number[];
  readonly min: number[];
  readonly max: number[];
  readonly last: number[];
  readonly drawdown: number[];
  /** Rows of equity.csv per bucket. */
  readonly stride: number;
  readonly rows: number;
}

/** Candles of one symbol. */
export interface ReportCandles {
  readonly symbol: string;
  readonly start: number[];
  readonly end: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  /** Base bars merged into each candle. */
  readonly bars: number[];
}

/** One trade as the report shows it. */
export interface ReportTrade {
  readonly id: number;
  readonly status: string;
  readonly symbol: string;
  readonly side: string;
  readonly entryTime: number;
  readonly exitTime: number;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly netPnl: number;
}

/** Everything `report.html` shows, bounded in size. */
export interface ReportData {
  readonly run: Readonly<Record<string, unknown>>;
  readonly statistics: Readonly<Record<string, unknown>>;
  readonly equity: ReportEquity;
  readonly candles: readonly ReportCandles[];
  readonly trades: readonly ReportTrade[];
  /** Trades in trades.csv (the sample may hold fewer). */
  readonly tradeTotal: number;
}

/**
 * Reads a run folder for the report: `summary.json` whole; `equity.csv`, `bars.csv` and
 * `trades.csv` streamed row by row through bounded samplers, so memory stays flat for any run
 * length. `bars.csv` is optional (no candle chart without it). A run that just wrote `equity.csv` may pass the
 * equity sample it kept on the way (`preloaded.equity`) instead of reading the file back.
 */
export async function readRunFolder(dir: string, limits: ReportLimits = {}, preloaded: { readonly equity?: ReportEquity } = {}): Promise<ReportData> {
  const summaryPath = join(dir, RUN_FILES.summary);
  if (!existsSync(summaryPath)) throw new SdkError('GM_RUN_INVALID', `Run folder "${dir}": expected ${RUN_FILES.summary}, was missing`);
  let summary: { run?: Record<string, unknown>; statistics?: Record<string, unknown> };
  try {
    summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as typeof summary;
  } catch (error) {
    throw new SdkError('GM_RUN_INVALID', `${RUN_FILES.summary}: expected JSON, was unparseable (${(error as Error).message})`, { cause: error });
  }
  if (typeof summary.statistics !== 'object' || summary.statistics === null) {
    throw new SdkError('GM_RUN_INVALID', `${RUN_FILES.summary} field "statistics": expected an object, was ${JSON.stringify(summary.statistics)}`);
  }

  let equity = preloaded.equity;
  if (equity === undefined) {
    const sampler = new EquitySampler(limits.equityPoints);
    await readCsvRecords(join(dir, RUN_FILES.equity), ['time', 'equity', 'drawdown'], (record) => sampler.add(record.time('time'), record.number('equity'), record.number('drawdown')));
    equity = sampler.result();
  }

  const candles = new Map<string, BucketDownsampler>();
  const candleRow = new Float64Array(7);
  const barsPath = join(dir, RUN_FILES.bars);
  if (existsSync(barsPath)) {
    await readCsvRecords(barsPath, ['symbol', 'start', 'end', 'open', 'high', 'low', 'close'], (record) => {
      const symbol = record.text('symbol');
      let sampler = candles.get(symbol);
      if (sampler === undefined) {
        sampler = new BucketDownsampler(['first', 'last', 'first', 'max', 'min', 'last', 'sum'], limits.candles ?? 2000);
        candles.set(symbol, sampler);
      }
      candleRow[0] = record.time('start');
      candleRow[1] = record.time('end');
      candleRow[2] = record.number('open');
      candleRow[3] = record.number('high');
      candleRow[4] = record.number('low');
      candleRow[5] = record.number('close');
      const merged = record.number('bars', true);
      candleRow[6] = Number.isNaN(merged) ? 1 : merged;
      sampler.add(candleRow);
    });
  }

  const trades = new StrideSampler<ReportTrade>(limits.trades ?? 1000);
  await readCsvRecords(join(dir, RUN_FILES.trades), ['id', 'symbol', 'side', 'entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'netPnl'], (record) => {
    trades.add({
      id: record.number('id'),
      status: record.text('status') || 'closed',
      symbol: record.text('symbol'),
      side: record.text('side'),
      entryTime: record.time('entryTime'),
      exitTime: record.time('exitTime'),
      quantity: record.number('quantity', true),
      entryPrice: record.number('entryPrice'),
      exitPrice: record.number('exitPrice'),
      netPnl: record.number('netPnl'),
    });
  });

  return {
    run: summary.run ?? {},
    statistics: summary.statistics,
    equity,
    candles: [...candles].map(([symbol, sampler]) => {
      const [candleStart, candleEnd, open, high, low, close, bars] = sampler.toColumns() as [number[], number[], number[], number[], number[], number[], number[]];
      return { symbol, start: candleStart, end: candleEnd, open, high, low, close, bars };
    }),
    trades: trades.items(),
    tradeTotal: trades.total,
  };
}
