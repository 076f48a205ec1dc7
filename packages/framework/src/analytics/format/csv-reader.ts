import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { SdkError } from '../../errors/sdk-error.js';

/** One data record of a CSV file, with typed accessors that name the file, line and column on bad input. */
export class CsvRecord {
  constructor(
    private readonly file: string,
    /** Line number (1-based) where the record starts. */
    readonly line: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly fields: readonly string[],
  ) {}

  /** Returns the raw text of a column ('' when the column is absent or the record is short). */
  text(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.fields[index] ?? '');
  }

  /** Returns a column as a finite number, or NaN for an empty cell when `optional`. */
  number(column: string, optional = false): number {
    const raw = this.text(column);
    if (raw === '' && optional) return Number.NaN;
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) throw this.bad(column, 'a number', raw);
    return value;
  }

  /** Returns an ISO-8601 time column as epoch milliseconds, or NaN for an empty cell when `optional`. */
  time(column: string, optional = false): number {
    const raw = this.text(column);
    if (raw === '' && optional) return Number.NaN;
    const value = Date.parse(raw);
    if (!Number.isFinite(value)) throw new SdkError('GM_DATA_TIMESTAMP', this.describe(column, 'an ISO-8601 time such as 2024-01-02T14:30:00.000Z', raw));
    return value;
  }

  private bad(column: string, expected: string, raw: string): SdkError {
    return new SdkError('GM_DATA_BAD_ROW', this.describe(column, expected, raw));
  }

  private describe(column: string, expected: string, raw: string): string {
    return `${this.file}:${this.line} field "${column}": expected ${expected}, was "${raw}"`;
  }
}

/** Splits one CSV record (RFC 4180 quoting); returns undefined while a quoted field is still open. */
export function splitCsvRecord(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * Streams the records of a CSV file with a header line, one at a time, so files of any length
 * read in constant memory. Throws `GM_DATA_FILE` when the file is missing or its header lacks a
 * required column.
 */
export async function readCsvRecords(path: string, required: readonly string[], onRecord: (record: CsvRecord) => void): Promise<void> {
  const file = basename(path);
  if (!existsSync(path)) throw new SdkError('GM_DATA_FILE', `${file}: file not found at "${path}"`);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let columns: Map<string, number> | undefined;
  let lineNumber = 0;
  let pending = '';
  let pendingStart = 0;
  for await (const line of lines) {
    lineNumber++;
    if (pending === '') pendingStart = lineNumber;
    const text = pending === '' ? line : pending + '\n' + line;
    const fields = splitCsvRecord(text);
    if (fields === undefined) {
      pending = text;
      continue;
    }
    pending = '';
    if (columns === undefined) {
      columns = new Map(fields.map((name, index) => [name.trim(), index]));
      const missing = required.filter((name) => !columns!.has(name));
      if (missing.length > 0) {
        throw new SdkError('GM_DATA_FILE', `${file}:1 header: expected columns ${required.join(',')}, was missing ${missing.join(',')}`);
      }
      continue;
    }
    if (text === '') continue;
    onRecord(new CsvRecord(file, pendingStart, columns, fields));
  }
  if (pending !== '') throw new SdkError('GM_DATA_BAD_ROW', `${file}:${pendingStart}: expected a closing quote, was end of file`);
  if (columns === undefined) throw new SdkError('GM_DATA_FILE', `${file}: expected a header line, was an empty file`);
}
