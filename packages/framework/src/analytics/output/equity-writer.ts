import { formatIsoTime, formatNumber } from '../format/format-number.js';
import { toCsvRow } from '../format/csv-row.js';
import { EquityStatistics } from '../statistics/equity-statistics.js';
import { EQUITY_COLUMNS } from './run-files.js';
import { EquitySampler } from '../report/equity-sampler.js';
import type { ReportEquity } from '../report/read-run-folder.js';
import { TextFileWriter } from './text-file-writer.js';

/**
 * Streams `equity.csv`, one row per bar, and keeps the equity statistics up to date as it goes,
 * so a run of any length needs no per-bar memory. Drawdown is measured against the running peak.
 */
export class EquityWriter {
  /** Streaming equity-curve statistics of every recorded row. */
  readonly statistics = new EquityStatistics();
  private readonly file: TextFileWriter;
  private peak = -Infinity;
  private inMarket = 0;
  // Values repeat from bar to bar while flat: keep the last text of each column
  private readonly lastValues = new Float64Array(5).fill(Number.NaN);
  private readonly lastTexts: string[] = ['', '', '', '', ''];
  // The report's equity chart, sampled from the very numbers written, so it equals a rebuild from the file
  private readonly sample = new EquitySampler();

  constructor(path: string) {
    this.file = new TextFileWriter(path);
    this.file.write(toCsvRow(EQUITY_COLUMNS));
  }

  /** Bars recorded with a non-zero gross exposure. */
  get barsInMarket(): number {
    return this.inMarket;
  }

  /**
   * Records the account at the close of a bar. `netExposure` is the signed notional of open
   * positions (long positive), `grossExposure` the sum of their absolute notionals.
   */
  record(time: number, equity: number, cash: number, netExposure = 0, grossExposure = Math.abs(netExposure)): void {
    // Validates time and equity before anything reaches the file
    this.statistics.add(time, equity);
    if (equity > this.peak) this.peak = equity;
    if (grossExposure !== 0) this.inMarket++;
    const equityText = this.text(0, equity);
    const drawdownText = this.text(4, 1 - equity / this.peak);
    this.file.write(`${formatIsoTime(time)},${equityText},${this.text(1, cash)},${this.text(2, netExposure)},${this.text(3, grossExposure)},${drawdownText}\n`);
    this.sample.add(Number.isInteger(time) ? time : Date.parse(formatIsoTime(time)), Number(equityText), Number(drawdownText));
  }

  /** The equity chart data of the report, sampled as `writeReport` would sample equity.csv. */
  reportEquity(): ReportEquity {
    return this.sample.result();
  }

  private text(column: number, value: number): string {
    if (value === this.lastValues[column]) return this.lastTexts[column]!;
    const text = formatNumber(value);
    this.lastValues[column] = value;
    this.lastTexts[column] = text;
    return text;
  }

  /** Flushes and closes the file. */
  close(): void {
    this.file.close();
  }
}
