import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { definePlugin, isTimeframe, SdkError, timeframeToMs, z, type Bar, type DataSource, type DataSourceStats, type TimeRange } from '@grandmodel/framework';

/** Options of the JSON Lines source (parsed by the plugin's schema). */
export interface JsonLinesOptions {
  readonly path: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly batchSize: number;
}

const FIELDS = ['o', 'h', 'l', 'c', 'v'] as const;

/**
 * Bars from a JSON Lines file, one bar per line: `{"t":"2024-01-02T15:00:00Z","o":1,"h":2,"l":0.5,"c":1.5,"v":10}`
 * (`t` is the bar start). Streams the file, checks every line, and yields bars in batches, in time order.
 */
export class JsonLinesDataSource implements DataSource {
  readonly live = false;
  readonly symbols: readonly string[];
  readonly output: DataSource['output'];
  private readonly file: string;
  private counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0 };

  constructor(
    private readonly options: JsonLinesOptions,
    baseDir: string,
  ) {
    this.file = resolve(baseDir, options.path);
    this.symbols = [options.symbol];
    this.output = { type: 'bars', timeframe: options.timeframe };
  }

  async *read(range: TimeRange = {}, signal?: AbortSignal): AsyncIterable<readonly Bar[]> {
    this.counts = { rowsRead: 0, recordsEmitted: 0, rowsRejected: 0 };
    const length = timeframeToMs(this.options.timeframe);
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    let batch: Bar[] = [];
    let lineNumber = 0;
    let previousStart = -Infinity;
    try {
      for await (const line of lines) {
        lineNumber++;
        if (signal?.aborted) break;
        if (line.trim() === '') continue;
        this.counts.rowsRead++;
        const bar = this.parse(line, lineNumber, length);
        if (bar.start <= previousStart) this.fail(lineNumber, 't', `a bar start after ${new Date(previousStart).toISOString()}`, new Date(bar.start).toISOString());
        previousStart = bar.start;
        if (range.from !== undefined && bar.start < range.from) continue;
        if (range.to !== undefined && bar.start >= range.to) break;
        batch.push(bar);
        if (batch.length >= this.options.batchSize) {
          this.counts.recordsEmitted += batch.length;
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (SdkError.is(error)) throw error;
      throw new SdkError('GM_DATA_FILE', `${this.file}: cannot be read: ${(error as Error).message}`, { cause: error });
    } finally {
      lines.close();
    }
    if (batch.length > 0) {
      this.counts.recordsEmitted += batch.length;
      yield batch;
    }
  }

  stats(): DataSourceStats {
    return { ...this.counts };
  }

  /** One line → one frozen bar, or a GM_DATA_BAD_ROW error naming the file, line and field. */
  private parse(line: string, lineNumber: number, length: number): Bar {
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return this.fail(lineNumber, 'line', 'a JSON object', line);
    }
    const start = typeof row['t'] === 'string' ? Date.parse(row['t']) : Number.NaN;
    if (Number.isNaN(start)) this.fail(lineNumber, 't', 'an ISO 8601 time', row['t']);
    const values = FIELDS.map((field) => {
      const value = row[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(lineNumber, field, 'a number >= 0', value);
      return value as number;
    });
    const [open, high, low, close, volume] = values as [number, number, number, number, number];
    if (high < Math.max(open, low, close)) this.fail(lineNumber, 'h', `a number >= max(o, l, c) (${Math.max(open, low, close)})`, high);
    if (low > Math.min(open, close)) this.fail(lineNumber, 'l', `a number <= min(o, c) (${Math.min(open, close)})`, low);
    return Object.freeze({ symbol: this.options.symbol, timeframe: this.options.timeframe, start, end: start + length, open, high, low, close, volume, synthetic: false });
  }

  private fail(lineNumber: number, field: string, expected: string, received: unknown): never {
    this.counts.rowsRejected++;
    throw new SdkError('GM_DATA_BAD_ROW', `${this.file}:${lineNumber} field "${field}": expected ${expected}, was ${JSON.stringify(received)}`, {
      details: { file: this.file, line: lineNumber, field },
    });
  }
}

/** `data: { use: json-lines, options: { path: ./bars.jsonl, symbol: NQ, timeframe: 1m } }` */
export const jsonLinesDataSource = definePlugin({
  manifest: { id: 'json-lines', kind: 'data-source', version: '1.0.0', apiVersion: 1, description: 'Bars from a JSON Lines file' },
  options: z.strictObject({
    path: z.string().min(1).describe('JSON Lines file; a relative path resolves against the config folder'),
    symbol: z.string().min(1).describe('Symbol stamped on every bar'),
    timeframe: z.string().refine(isTimeframe, 'expected a timeframe such as 1m or 30m').describe('Length of the bars in the file'),
    batchSize: z.number().int().positive().default(1024).describe('Bars per yielded batch'),
  }),
  create: (ctx) => new JsonLinesDataSource(ctx.options, ctx.baseDir),
});
