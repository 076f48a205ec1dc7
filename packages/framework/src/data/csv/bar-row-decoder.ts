import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import { TIMESTAMP_PARSED, TIMESTAMP_WRONG_ORDER, type TimestampParser } from '../time/timestamp-parser.js';
import type { BarColumns } from './column-mapping.js';
import { splitFields } from './csv-fields.js';
import { parseDecimal } from './decimal-parser.js';
import { describeField, type RowRejections } from './row-rejections.js';

/** What a bar decoder needs to know about the file. */
export interface BarDecoderSetup {
  readonly file: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly timeframeMs: number;
  readonly timestampIs: 'start' | 'end';
  readonly delimiter: string;
  readonly columns: BarColumns;
  /** Header names by column index, to name a mapped column in messages. */
  readonly header: readonly string[];
  readonly parser: TimestampParser;
  readonly rejections: RowRejections;
}

/**
 * Turns CSV lines into Bars, checking each row: parseable timestamp and numbers, prices >= 0, volume >= 0,
 * low <= min(open, close), high >= max(open, close), and a start strictly after the previous accepted bar.
 * A failing row goes to the bad-row policy and yields undefined.
 */
export class BarRowDecoder {
  /** Start of the last accepted bar. */
  lastStart = Number.NEGATIVE_INFINITY;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly fieldsNeeded: number;

  constructor(private readonly setup: BarDecoderSetup) {
    const columns = setup.columns;
    this.fieldsNeeded = Math.max(columns.timestamp, columns.open, columns.high, columns.low, columns.close, columns.volume) + 1;
    this.starts = new Int32Array(this.fieldsNeeded);
    this.ends = new Int32Array(this.fieldsNeeded);
  }

  /** Decodes the line `text[start, end)` (line number `line`); returns the bar, or undefined for a rejected row. */
  decode(text: string, start: number, end: number, line: number): Bar | undefined {
    const { columns, parser } = this.setup;
    const starts = this.starts;
    const ends = this.ends;
    const found = splitFields(text, start, end, this.setup.delimiter, starts, ends, this.fieldsNeeded);
    if (found < this.fieldsNeeded) {
      return this.reject(text, start, end, line, undefined, `expected at least ${this.fieldsNeeded} fields separated by "${this.setup.delimiter}", found ${found}`);
    }
    const status = parser.parse(text, starts[columns.timestamp]!, ends[columns.timestamp]!);
    if (status !== TIMESTAMP_PARSED) return this.rejectTimestamp(text, start, end, line, status);

    const open = parseDecimal(text, starts[columns.open]!, ends[columns.open]!);
    const high = parseDecimal(text, starts[columns.high]!, ends[columns.high]!);
    const low = parseDecimal(text, starts[columns.low]!, ends[columns.low]!);
    const close = parseDecimal(text, starts[columns.close]!, ends[columns.close]!);
    const volume = columns.volume < 0 ? 0 : parseDecimal(text, starts[columns.volume]!, ends[columns.volume]!);
    // NaN fails every comparison, so one combined test keeps the common path short
    if (!(open >= 0 && high >= 0 && low >= 0 && close >= 0 && volume >= 0)) {
      return this.rejectNumbers(text, start, end, line, open, high, low, close, volume);
    }
    if (high < low) return this.reject(text, start, end, line, 'high', `expected a number >= low (${low}), was ${this.field(text, columns.high)}`);
    if (high < open || high < close) {
      return this.reject(text, start, end, line, 'high', `expected a number >= max(open, close) (${Math.max(open, close)}), was ${this.field(text, columns.high)}`);
    }
    if (low > open || low > close) {
      return this.reject(text, start, end, line, 'low', `expected a number <= min(open, close) (${Math.min(open, close)}), was ${this.field(text, columns.low)}`);
    }

    let time = parser.time;
    if (this.setup.timestampIs === 'end') time -= this.setup.timeframeMs;
    if (time <= this.lastStart) {
      // A wall-clock hour repeated when clocks go back: take its second occurrence
      const later = parser.laterAlternative() - (this.setup.timestampIs === 'end' ? this.setup.timeframeMs : 0);
      if (later <= this.lastStart) return this.rejectOrder(text, start, end, line, time);
      time = later;
    }
    this.lastStart = time;
    return {
      symbol: this.setup.symbol,
      timeframe: this.setup.timeframe,
      start: time,
      end: time + this.setup.timeframeMs,
      open,
      high,
      low,
      close,
      volume,
      synthetic: false,
    };
  }

  private rejectNumbers(text: string, start: number, end: number, line: number, ...values: number[]): undefined {
    const keys = ['open', 'high', 'low', 'close', 'volume'] as const;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = values[i]!;
      const raw = this.field(text, this.setup.columns[key]);
      if (Number.isNaN(value)) return this.reject(text, start, end, line, key, `expected a number, was "${raw}"`);
      if (value < 0) return this.reject(text, start, end, line, key, `expected a ${key === 'volume' ? 'volume' : 'price'} >= 0, was ${raw}`);
    }
    return undefined;
  }

  private rejectTimestamp(text: string, start: number, end: number, line: number, status: number): undefined {
    const raw = this.field(text, this.setup.columns.timestamp);
    if (status === TIMESTAMP_WRONG_ORDER) {
      // The whole file is probably in the other order: a configuration problem, not one bad row
      const where = describeField('timestamp', this.setup.header[this.setup.columns.timestamp]);
      throw new SdkError('GM_DATA_TIMESTAMP', `${this.setup.file}:${line}${where}: "${raw}": ${this.setup.parser.problem}`, {
        details: { file: this.setup.file, line, value: raw },
      });
    }
    return this.reject(text, start, end, line, 'timestamp', `expected ${this.setup.parser.problem}, was "${raw}"`);
  }

  private rejectOrder(text: string, start: number, end: number, line: number, time: number): undefined {
    const previous = new Date(this.lastStart).toISOString();
    const kind = time === this.lastStart ? 'a duplicate of the previous bar' : 'earlier than the previous bar';
    const raw = this.field(text, this.setup.columns.timestamp);
    return this.reject(text, start, end, line, 'timestamp', `expected a bar start after the previous row's ${previous}, was ${new Date(time).toISOString()} ("${raw}", ${kind})`);
  }

  private reject(text: string, start: number, end: number, line: number, field: keyof BarColumns | undefined, expectation: string): undefined {
    const column = field === undefined ? undefined : this.setup.header[this.setup.columns[field]];
    this.setup.rejections.reject(line, text.slice(start, end), field, column, expectation);
    return undefined;
  }

  private field(text: string, index: number): string {
    return text.slice(this.starts[index], this.ends[index]).trim();
  }
}
