import { createReadStream, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { BarInput } from '@grandmodel/framework';

/** Root of the repository checkout. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Shared read-only material beside the checkout (`../shared`). */
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');

/** True when the golden files and their inputs are present. */
export function hasGoldenData(): boolean {
  return existsSync(resolve(SHARED_DIR, 'golden/README.md')) && existsSync(resolve(SHARED_DIR, 'data/nq-30m.csv'));
}

/** Yields the lines of a text file, gunzipping `.gz` files on the fly. */
export function readLines(path: string): AsyncIterableIterator<string> {
  const raw = createReadStream(path);
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  return createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
}

const NAIVE_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Parses a naive ISO timestamp as if it were UTC, so differences and hours are those of the source clock. */
export function parseNaiveTimestamp(text: string, where: string): number {
  const match = NAIVE_TIMESTAMP.exec(text);
  if (match === null) throw new Error(`${where} field "timestamp": expected YYYY-MM-DDTHH:MM:SS, was "${text}"`);
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
}

/** A parsed input row: the bar plus its timestamp text. */
export interface InputRow {
  readonly timestamp: string;
  readonly bar: BarInput;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Parses one `timestamp,open,high,low,close,volume` line; `where` names the file and line for errors. */
export function parseInputRow(line: string, where: string): InputRow {
  const cells = line.split(',');
  if (cells.length !== 6) throw new Error(`${where}: expected 6 fields, was ${cells.length}`);
  const numbers = cells.slice(1).map((cell, index) => {
    const value = Number(cell);
    if (cell === '' || !Number.isFinite(value)) throw new Error(`${where} field "${FIELDS[index]}": expected a number, was "${cell}"`);
    return value;
  });
  const [open, high, low, close, volume] = numbers as [number, number, number, number, number];
  return { timestamp: cells[0] as string, bar: { start: parseNaiveTimestamp(cells[0] as string, where), open, high, low, close, volume } };
}
