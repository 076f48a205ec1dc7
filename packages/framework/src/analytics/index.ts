export { formatNumber, formatIsoTime, OUTPUT_DECIMALS } from './format/format-number.js';
export { toStableJson, TIME_KEYS } from './format/stable-json.js';
export type { StableJsonOptions } from './format/stable-json.js';
export { toCsvField, toCsvRow } from './format/csv-row.js';

export type { Trade, TradeSide } from './trades/trade.js';
export { TradeLedger } from './trades/trade-ledger.js';
export type { TradeLedgerOptions } from './trades/trade-ledger.js';

export type { Statistics } from './statistics/statistics.js';
export { computeStatistics, assembleStatistics } from './statistics/compute-statistics.js';
export type { StatisticsInput, StatisticsParts } from './statistics/compute-statistics.js';
export { EquityStatistics, DAY_MS, YEAR_MS } from './statistics/equity-statistics.js';
export type { EquityStatisticsOptions, EquityStatisticsResult } from './statistics/equity-statistics.js';
export { TradeStatistics } from './statistics/trade-statistics.js';
export type { TradeOutcome, TradeStatisticsResult } from './statistics/trade-statistics.js';

export { BucketDownsampler } from './downsample/bucket-downsampler.js';
export type { Aggregation } from './downsample/bucket-downsampler.js';
export { StrideSampler } from './downsample/stride-sampler.js';

export { RUN_FILES, RUN_FORMAT_VERSION, EQUITY_COLUMNS, TRADE_COLUMNS, ORDER_COLUMNS, BAR_COLUMNS } from './output/run-files.js';
export { RunWriter } from './output/run-writer.js';
export type { RunWriterOptions, RunFinishOptions } from './output/run-writer.js';
export { EquityWriter } from './output/equity-writer.js';
export { TradesWriter } from './output/trades-writer.js';
export { OrdersWriter } from './output/orders-writer.js';
export { JournalWriter } from './output/journal-writer.js';
export { BarsWriter, DEFAULT_MAX_CANDLES } from './output/bars-writer.js';
export { buildRunSummary, writeRunSummary } from './output/run-summary.js';
export type { RunSummary } from './output/run-summary.js';

export { writeReport } from './report/write-report.js';
export { readRunFolder } from './report/read-run-folder.js';
export type { ReportData, ReportLimits, ReportEquity, ReportCandles, ReportTrade } from './report/read-run-folder.js';
export { buildReportHtml } from './report/report-html.js';
