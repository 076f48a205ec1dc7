import { SdkError } from '../../errors/sdk-error.js';
import type { Tick } from '../../model/bar.js';
import { TIMESTAMP_PARSED, TIMESTAMP_WRONG_ORDER, type TimestampParser } from '../time/timestamp-parser.js';
import type { TickColumns } from './column-mapping.js';
import { splitFields } from './csv-fields.js';
import { parseDecimal } from './decimal-parser.js';
import { describeField, type RowRejections } from './row-rejections.js';

/** What a tick decoder needs to know about the file. */
export interface TickDecoderSetup {
  readonly file: string;
  readonly symbol: string;
  readonly delimiter: string;
  readonly columns: TickColumns;
  /** Header names by column index, to name a mapped column in messages. */
  readonly header: readonly string[];
  readonly parser: TimestampParser;
  readonly rejections: RowRejections;
}

/**
 * Turns CSV lines into Ticks, checking each row: parseable timestamp and price, price >= 0, volume >= 0,
 * bid and ask (when present and not empty) numbers >= 0, and a time not earlier than the previous accepted
 * tick (several ticks may share a timestamp). A failing row goes to the bad-row policy and yields undefined.
 */
export class TickRowDecoder {
  /** Time of the last accepted tick. */
  lastTime = Number.NEGATIVE_INFINITY;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly fieldsNeeded: number;
  private readonly quotes: boolean;

  constructor(private readonly setup: TickDecoderSetup) {
    const columns = setup.columns;
    this.fieldsNeeded = Math.max(columns.timestamp, columns.price, columns.volume) + 1;
    const width = Math.max(this.fieldsNeeded, columns.bid + 1, columns.ask + 1);
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.quotes = columns.bid >= 0 || columns.ask >= 0;
  }

  /** Decodes the line `text[start, end)` (line number `line`); returns the tick, or undefined for a rejected row. */
  decode(text: string, start: number, end: number, line: number): Tick | undefined {
    const { columns, parser } = this.setup;
    const starts = this.starts;
    const ends = this.ends;
    const found = splitFields(text, start, end, this.setup.delimiter, starts, ends, starts.length);
    if (found < this.fieldsNeeded) {
      return this.reject(text, start, end, line, undefined, `expected at least ${this.fieldsNeeded} fields separated by "${this.setup.delimiter}", found ${found}`);
    }
    const status = parser.parse(text, starts[columns.timestamp]!, ends[columns.timestamp]!);
    if (status === TIMESTAMP_WRONG_ORDER) {
      const rawTime = this.field(text, columns.timestamp, found);
      const where = describeField('timestamp', this.setup.header[columns.timestamp]);
      throw new SdkError('GM_DATA_TIMESTAMP', `${this.setup.file}:${line}${where}: "${rawTime}": ${parser.problem}`, { details: { file: this.setup.file, line, value: rawTime } });
    }
    if (status !== TIMESTAMP_PARSED) return this.reject(text, start, end, line, 'timestamp', `expected ${parser.problem}, was "${this.field(text, columns.timestamp, found)}"`);

    const price = parseDecimal(text, starts[columns.price]!, ends[columns.price]!);
    if (!(price >= 0)) return this.rejectNumber(text, start, end, line, 'price', price, found);
    const volume = columns.volume < 0 ? 0 : parseDecimal(text, starts[columns.volume]!, ends[columns.volume]!);
    if (!(volume >= 0)) return this.rejectNumber(text, start, end, line, 'volume', volume, found);
    const bid = this.optionalNumber(text, columns.bid, found);
    if (bid !== undefined && !(bid >= 0)) return this.rejectNumber(text, start, end, line, 'bid', bid, found);
    const ask = this.optionalNumber(text, columns.ask, found);
    if (ask !== undefined && !(ask >= 0)) return this.rejectNumber(text, start, end, line, 'ask', ask, found);

    let time = parser.time;
    if (time < this.lastTime) {
      const later = parser.laterAlternative();
      if (later < this.lastTime) {
        const rawTime = this.field(text, columns.timestamp, found);
        return this.reject(text, start, end, line, 'timestamp', `expected a time at or after the previous row's ${new Date(this.lastTime).toISOString()}, was ${new Date(time).toISOString()} ("${rawTime}")`);
      }
      time = later;
    }
    this.lastTime = time;
    if (!this.quotes) return { symbol: this.setup.symbol, time, price, volume };
    return { symbol: this.setup.symbol, time, price, volume, bid, ask };
  }

  // An absent column or an empty field is "no quote"; anything else must parse
  private optionalNumber(text: string, index: number, found: number): number | undefined {
    if (index < 0 || index >= found) return undefined;
    let start = this.starts[index]!;
    const end = this.ends[index]!;
    while (start < end && text.charCodeAt(start) === 32) start++;
    return start === end ? undefined : parseDecimal(text, start, end);
  }

  private rejectNumber(text: string, start: number, end: number, line: number, key: keyof TickColumns, value: number, found: number): undefined {
    const raw = this.field(text, this.setup.columns[key], found);
    const expectation = Number.isNaN(value) ? `expected a number, was "${raw}"` : `expected a ${key === 'volume' ? 'volume' : 'price'} >= 0, was ${raw}`;
    return this.reject(text, start, end, line, key, expectation);
  }

  private reject(text: string, start: number, end: number, line: number, field: keyof TickColumns | undefined, expectation: string): undefined {
    const column = field === undefined ? undefined : this.setup.header[this.setup.columns[field]];
    this.setup.rejections.reject(line, text.slice(start, end), field, column, expectation);
    return undefined;
  }

  private field(text: string, index: number, found: number): string {
    return index < found ? text.slice(this.starts[index], this.ends[index]).trim() : '';
  }
}
