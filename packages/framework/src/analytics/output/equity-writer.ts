import { formatIsoTime, formatNumber } from '../format/format-number.js';
import { toCsvRow } from '../format/csv-row.js';
import { EquityStatistics } from '../statistics/equity-statistics.js';
import { EQUITY_COLUMNS } from './run-files.js';
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
    this.file.write(
      toCsvRow([formatIsoTime(time), formatNumber(equity), formatNumber(cash), formatNumber(netExposure), formatNumber(grossExposure), formatNumber(1 - equity / this.peak)]),
    );
  }

  /** Flushes and closes the file. */
  close(): void {
    this.file.close();
  }
}
