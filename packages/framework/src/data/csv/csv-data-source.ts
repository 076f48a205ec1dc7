import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Logger } from 'pino';
import { ConfigError } from '../../errors/config-error.js';
import type { DataSource, DataSourceOutput, DataSourceStats, TimeRange } from '../../kinds/data-source.js';
import type { Bar, Tick } from '../../model/bar.js';
import { timeframeToMs } from '../../model/timeframe.js';
import { parseInstant } from '../time/parse-instant.js';
import { csvDataSourceOptions, type CsvDataSourceInput, type CsvDataSourceOptions } from './csv-data-source-options.js';
import { CsvReadSession } from './csv-read-session.js';
import { toDataFileError } from './data-file-error.js';
import { inferTimeframe } from './infer-timeframe.js';

/** Services a CSV source may use. */
export interface CsvDataSourceDependencies {
  /** Folder relative paths resolve against (the config file's folder); the working directory by default. */
  readonly baseDir?: string;
  /** Receives one warning per skipped row with `onBadRow: skip`. */
  readonly logger?: Logger;
}

/** Counts of the last (or current) read; rowsRead = recordsEmitted + rowsRejected + rowsOutOfRange once done. */
export interface CsvDataSourceStats extends DataSourceStats {
  /** Valid rows outside `from`/`to` or the requested range. */
  readonly rowsOutOfRange: number;
  /** Absolute path of the data file. */
  readonly file: string;
}

const CHUNK_BYTES = 1024 * 1024;
const CARRIAGE_RETURN = 13;

/**
 * Streams bars or ticks from a CSV file in time order, in batches, checking every row.
 * The file is read in 1 MiB chunks and lines are split by hand (LF or CRLF), so memory stays flat
 * whatever the file size. Bad rows follow `onBadRow`; nothing is dropped without being counted.
 */
export class CsvDataSource implements DataSource {
  readonly symbols: readonly string[];
  readonly live = false;
  /** Parsed options. */
  readonly options: CsvDataSourceOptions;
  /** Absolute path of the data file. */
  readonly filePath: string;
  private readonly quarantinePath: string | undefined;
  private readonly logger: Logger | undefined;
  private readonly rangeFrom: number;
  private readonly rangeTo: number;
  private resolvedTimeframe: string | undefined;
  private counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0, rowsOutOfRange: 0 };
  private closed = false;

  constructor(options: CsvDataSourceOptions, dependencies: CsvDataSourceDependencies = {}) {
    const baseDir = dependencies.baseDir ?? process.cwd();
    this.options = options;
    this.symbols = Object.freeze([options.symbol]);
    this.filePath = resolve(baseDir, options.path);
    this.logger = dependencies.logger;
    this.quarantinePath = options.onBadRow === 'quarantine' ? resolve(baseDir, options.quarantinePath ?? `${options.path}.rejected.csv`) : undefined;
    this.rangeFrom = options.from === undefined ? Number.NEGATIVE_INFINITY : parseInstant(options.from, options.timezone)!;
    this.rangeTo = options.to === undefined ? Number.POSITIVE_INFINITY : parseInstant(options.to, options.timezone)!;
    this.resolvedTimeframe = options.timeframe;
  }

  /** Parses raw options (defaults, validation) and creates the source; throws ConfigError listing every problem. */
  static fromOptions(input: CsvDataSourceInput, dependencies: CsvDataSourceDependencies = {}): CsvDataSource {
    const result = csvDataSourceOptions.safeParse(input);
    if (!result.success) {
      throw new ConfigError(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message })), 'csv data source options');
    }
    return new CsvDataSource(result.data, dependencies);
  }

  /** Bars of `timeframe` (configured, or inferred from the head of the file on first use), or ticks. */
  get output(): DataSourceOutput {
    return this.options.type === 'bars' ? { type: 'bars', timeframe: this.timeframe } : { type: 'ticks' };
  }

  /** The bar timeframe: the option, or the smallest positive step among the first rows of the file. */
  get timeframe(): string {
    this.resolvedTimeframe ??= inferTimeframe(this.filePath, this.options.path, this.options);
    return this.resolvedTimeframe;
  }

  /**
   * Yields records in time order, in batches of up to `batchSize`, restricted to `range` (bar start or tick
   * time; `from` inclusive, `to` exclusive) and to the `from`/`to` options. Reading stops at the first record
   * past the range. An aborted `signal` ends the iteration quietly after the current batch.
   */
  async *read(range: TimeRange = {}, signal?: AbortSignal): AsyncGenerator<readonly (Bar | Tick)[]> {
    const options = this.options;
    const bars = options.type === 'bars';
    const timeframe = bars ? this.timeframe : '';
    const session = new CsvReadSession({
      options,
      file: options.path,
      timeframe,
      timeframeMs: bars ? timeframeToMs(timeframe) : 0,
      quarantinePath: this.quarantinePath,
      logger: this.logger,
      from: Math.max(this.rangeFrom, range.from ?? Number.NEGATIVE_INFINITY),
      to: Math.min(this.rangeTo, range.to ?? Number.POSITIVE_INFINITY),
    });
    this.counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0, rowsOutOfRange: 0 };
    this.closed = false;
    const stream = createReadStream(this.filePath, { highWaterMark: CHUNK_BYTES });
    const decoder = new StringDecoder('utf8');
    const batchSize = options.batchSize;
    let batch: (Bar | Tick)[] = [];
    let carry = '';
    let lineNumber = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const text = carry + decoder.write(chunk);
        let position = 0;
        let newline = text.indexOf('\n', position);
        while (newline !== -1) {
          lineNumber++;
          const end = newline > position && text.charCodeAt(newline - 1) === CARRIAGE_RETURN ? newline - 1 : newline;
          const record = session.line(text, position, end, lineNumber);
          position = newline + 1;
          if (record !== undefined) {
            batch.push(record);
            if (batch.length >= batchSize) {
              this.update(session, batch.length);
              yield batch;
              batch = [];
              if (signal?.aborted === true || this.closed) return;
            }
          }
          if (session.stopped) break;
          newline = text.indexOf('\n', position);
        }
        if (session.stopped) break;
        carry = text.slice(position);
      }
      if (!session.stopped) {
        // The last line may have no line break
        const text = carry + decoder.end();
        let end = text.length;
        if (end > 0 && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
        if (end > 0) {
          const record = session.line(text, 0, end, lineNumber + 1);
          if (record !== undefined) batch.push(record);
        }
      }
      session.finish();
      this.update(session, batch.length);
      if (batch.length > 0) yield batch;
    } catch (error) {
      throw toDataFileError(error, options.path, this.filePath);
    } finally {
      stream.destroy();
      session.rejections.close();
      this.update(session, 0);
    }
  }

  /** Counts of the last read; final once `read` has finished. */
  stats(): CsvDataSourceStats {
    return {
      ...this.counts,
      file: this.filePath,
      ...(this.quarantinePath === undefined ? {} : { quarantineFile: this.quarantinePath }),
    };
  }

  /** Stops a read in progress at its next batch boundary. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private update(session: CsvReadSession, justEmitted: number): void {
    this.counts = {
      rowsRead: session.rowsRead,
      recordsEmitted: this.counts.recordsEmitted + justEmitted,
      rowsRejected: session.rejections.count,
      rowsOutOfRange: session.rowsOutOfRange,
    };
  }
}
