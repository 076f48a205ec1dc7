import { closeSync, openSync, readSync } from 'node:fs';
import { SdkError } from '../../errors/sdk-error.js';
import { msToTimeframe } from '../../model/timeframe.js';
import { TIMESTAMP_PARSED, TimestampParser } from '../time/timestamp-parser.js';
import { ZoneConverter } from '../time/zone-converter.js';
import { resolveBarColumns } from './column-mapping.js';
import { splitFields, splitHeader } from './csv-fields.js';
import type { CsvDataSourceOptions } from './csv-data-source-options.js';
import { toDataFileError } from './data-file-error.js';

// The head of the file that is read to infer a timeframe: at most this many bytes and data rows
const HEAD_BYTES = 256 * 1024;
const HEAD_ROWS = 1000;

/**
 * Infers the bar timeframe of a CSV file as the smallest positive step between consecutive timestamps
 * among its first rows (up to 1000 rows or 256 KiB). Unreadable rows are passed over here; `read` reports
 * them. Throws GM_DATA_FILE when fewer than two timestamps can be read.
 */
export function inferTimeframe(path: string, file: string, options: CsvDataSourceOptions): string {
  const text = readHead(path, file);
  const lines = text.complete ? text.value.split('\n') : text.value.split('\n').slice(0, -1);
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  if (index === lines.length) throw new SdkError('GM_DATA_FILE', `${file}: cannot infer the timeframe: the file has no header or rows; set the timeframe option`);
  const headerLine = lines[index]!.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const column = resolveBarColumns(splitHeader(headerLine, options.delimiter), options.columns, file).timestamp;
  const parser = new TimestampParser(options.timestampFormat, options.dateOrder, new ZoneConverter(options.timezone));
  const starts = new Int32Array(column + 1);
  const ends = new Int32Array(column + 1);
  let previous = Number.NaN;
  let smallest = Number.POSITIVE_INFINITY;
  const last = Math.min(lines.length, index + 1 + HEAD_ROWS);
  for (let row = index + 1; row < last; row++) {
    const line = lines[row]!;
    if (splitFields(line, 0, line.length, options.delimiter, starts, ends, column + 1) <= column) continue;
    if (parser.parse(line, starts[column]!, ends[column]!) !== TIMESTAMP_PARSED) continue;
    const step = parser.time - previous;
    if (step > 0 && step < smallest) smallest = step;
    previous = parser.time;
  }
  if (!Number.isFinite(smallest)) {
    throw new SdkError('GM_DATA_FILE', `${file}: cannot infer the timeframe: expected at least two increasing timestamps among the first rows; set the timeframe option`);
  }
  if (smallest % 1000 !== 0) {
    throw new SdkError('GM_DATA_FILE', `${file}: cannot infer the timeframe: the smallest step between rows is ${smallest} ms, not a whole number of seconds; set the timeframe option`);
  }
  return msToTimeframe(smallest);
}

function readHead(path: string, file: string): { value: string; complete: boolean } {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw toDataFileError(error, file, path);
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    let length = 0;
    while (length < HEAD_BYTES) {
      const read = readSync(descriptor, buffer, length, HEAD_BYTES - length, length);
      if (read === 0) return { value: buffer.toString('utf8', 0, length), complete: true };
      length += read;
    }
    return { value: buffer.toString('utf8', 0, length), complete: false };
  } finally {
    closeSync(descriptor);
  }
}
