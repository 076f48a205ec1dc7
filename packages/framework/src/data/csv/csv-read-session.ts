import type { Logger } from 'pino';
import { SdkError } from '../../errors/sdk-error.js';
import type { Bar, Tick } from '../../model/bar.js';
import { TimestampParser } from '../time/timestamp-parser.js';
import { ZoneConverter } from '../time/zone-converter.js';
import { BarRowDecoder } from './bar-row-decoder.js';
import { resolveBarColumns, resolveTickColumns } from './column-mapping.js';
import { splitHeader } from './csv-fields.js';
import type { CsvDataSourceOptions } from './csv-data-source-options.js';
import { RowRejections } from './row-rejections.js';
import { TickRowDecoder } from './tick-row-decoder.js';

/** Everything one pass over a CSV file needs. */
export interface CsvReadSetup {
  readonly options: CsvDataSourceOptions;
  /** File name used in messages (the path as configured). */
  readonly file: string;
  /** Bar timeframe (bars only). */
  readonly timeframe: string;
  readonly timeframeMs: number;
  /** Absolute quarantine file, with `onBadRow: quarantine`. */
  readonly quarantinePath: string | undefined;
  readonly logger: Logger | undefined;
  /** Records with a time before this are counted as out of range. */
  readonly from: number;
  /** Reading stops at the first record at or after this time. */
  readonly to: number;
}

/**
 * One pass over a CSV file: takes lines in order (header first), returns the records to emit and counts
 * rows read, rejected and out of range.
 */
export class CsvReadSession {
  rowsRead = 0;
  rowsOutOfRange = 0;
  /** True once a record at or after `to` was seen; the caller stops reading. */
  stopped = false;
  readonly rejections: RowRejections;
  private bars: BarRowDecoder | undefined;
  private ticks: TickRowDecoder | undefined;
  private headerSeen = false;

  constructor(private readonly setup: CsvReadSetup) {
    const options = setup.options;
    this.rejections = new RowRejections(options.onBadRow, setup.file, setup.logger, setup.quarantinePath, options.delimiter);
  }

  /** Takes the line `text[start, end)` (without its line break); returns a record to emit, or undefined. */
  line(text: string, start: number, end: number, lineNumber: number): Bar | Tick | undefined {
    if (start === end) return undefined;
    if (!this.headerSeen) {
      this.readHeader(text.slice(start, end));
      return undefined;
    }
    this.rowsRead++;
    if (this.bars !== undefined) {
      const bar = this.bars.decode(text, start, end, lineNumber);
      return bar === undefined ? undefined : this.inRange(bar, bar.start);
    }
    const tick = this.ticks!.decode(text, start, end, lineNumber);
    return tick === undefined ? undefined : this.inRange(tick, tick.time);
  }

  /** Ends the pass: closes the quarantine file; throws GM_DATA_FILE when the file had no header. */
  finish(): void {
    this.rejections.close();
    if (!this.headerSeen) {
      throw new SdkError('GM_DATA_FILE', `${this.setup.file}: the file is empty; expected a header line such as timestamp,open,high,low,close,volume`, {
        details: { file: this.setup.file },
      });
    }
  }

  private inRange<T extends Bar | Tick>(record: T, time: number): T | undefined {
    if (time < this.setup.from) {
      this.rowsOutOfRange++;
      return undefined;
    }
    if (time >= this.setup.to) {
      this.rowsOutOfRange++;
      this.stopped = true;
      return undefined;
    }
    return record;
  }

  private readHeader(rawHeader: string): void {
    const { options, file } = this.setup;
    const headerLine = rawHeader.charCodeAt(0) === 0xfeff ? rawHeader.slice(1) : rawHeader;
    const header = splitHeader(headerLine, options.delimiter);
    const parser = new TimestampParser(options.timestampFormat, options.dateOrder, new ZoneConverter(options.timezone));
    const common = { file, symbol: options.symbol, delimiter: options.delimiter, header, parser, rejections: this.rejections };
    if (options.type === 'bars') {
      const columns = resolveBarColumns(header, options.columns, file);
      this.bars = new BarRowDecoder({ ...common, columns, timeframe: this.setup.timeframe, timeframeMs: this.setup.timeframeMs, timestampIs: options.timestampIs });
    } else {
      this.ticks = new TickRowDecoder({ ...common, columns: resolveTickColumns(header, options.columns, file) });
    }
    this.rejections.open(headerLine);
    this.headerSeen = true;
  }
}
