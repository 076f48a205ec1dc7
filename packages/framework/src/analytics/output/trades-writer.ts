import { formatIsoTime, formatNumber } from '../format/format-number.js';
import { toCsvRow } from '../format/csv-row.js';
import type { Trade } from '../trades/trade.js';
import { TRADE_COLUMNS } from './run-files.js';
import { TextFileWriter } from './text-file-writer.js';

/** Returns the `trades.csv` fields of a trade, in `TRADE_COLUMNS` order. */
export function tradeFields(trade: Trade): string[] {
  const optional = (value: number | null): string => (value === null ? '' : formatNumber(value));
  return [
    String(trade.id),
    trade.status,
    trade.symbol,
    trade.side,
    formatIsoTime(trade.entryTime),
    formatIsoTime(trade.exitTime),
    formatNumber(trade.quantity),
    formatNumber(trade.entryPrice),
    formatNumber(trade.exitPrice),
    formatNumber(trade.grossPnl),
    formatNumber(trade.entryFees),
    formatNumber(trade.exitFees),
    formatNumber(trade.fees),
    formatNumber(trade.netPnl),
    formatNumber(trade.returnOnNotional),
    optional(trade.barsHeld),
    optional(trade.mae),
    optional(trade.mfe),
    trade.entryTag ?? '',
    trade.exitTag ?? '',
  ];
}

/** Streams `trades.csv`, one row per trade as it is written. */
export class TradesWriter {
  private readonly file: TextFileWriter;

  constructor(path: string) {
    this.file = new TextFileWriter(path);
    this.file.write(toCsvRow(TRADE_COLUMNS));
  }

  /** Appends one trade. */
  write(trade: Trade): void {
    this.file.write(toCsvRow(tradeFields(trade)));
  }

  /** Flushes and closes the file. */
  close(): void {
    this.file.close();
  }
}
