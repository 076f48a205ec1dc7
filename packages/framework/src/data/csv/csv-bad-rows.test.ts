import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import { CsvDataSource } from './csv-data-source.js';
import type { CsvDataSourceInput } from './csv-data-source-options.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-csv-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'timestamp,open,high,low,close,volume';
const GOOD_FIRST = '2020-06-29T01:00:00,9785.5,9830,9780.25,9822.5,5122';
const GOOD_LAST = '2020-06-29T02:30:00,1,2,0.5,1.5,1';
const TIMESTAMP_EXPECTATION = 'a timestamp: ISO 8601 such as 2020-06-29T01:00:00, epoch seconds or milliseconds, or a dmy date such as 29/06/2020 01:00';

// Every kind of bad row, each following GOOD_FIRST, with the message it must produce (after "file:line")
const BAD_ROWS: readonly (readonly [string, string])[] = [
  ['2020-06-29T01:30:00,9822,9700,9780.25,9826.5,2245', ' field "high": expected a number >= low (9780.25), was 9700'],
  ['nonsense,1,2,0.5,1.5,1', ` field "timestamp": expected ${TIMESTAMP_EXPECTATION}, was "nonsense"`],
  ['2020-06-29T02:00:00,abc,2,0.5,1.5,1', ' field "open": expected a number, was "abc"'],
  ['2020-06-29T02:00:00,1,2,0.5,NaN,1', ' field "close": expected a number, was "NaN"'],
  ['2020-06-29T02:00:00,1,2,-0.5,1.5,1', ' field "low": expected a price >= 0, was -0.5'],
  ['2020-06-29T02:00:00,1,2,0.5,1.5,-5', ' field "volume": expected a volume >= 0, was -5'],
  ['2020-06-29T02:00:00,1,1.2,0.5,1.5,1', ' field "high": expected a number >= max(open, close) (1.5), was 1.2'],
  ['2020-06-29T02:00:00,1,2,1.2,1.5,1', ' field "low": expected a number <= min(open, close) (1), was 1.2'],
  ['2020-06-29T00:30:00,1,2,0.5,1.5,1', ' field "timestamp": expected a bar start after the previous row\'s 2020-06-29T01:00:00.000Z, was 2020-06-29T00:30:00.000Z ("2020-06-29T00:30:00", earlier than the previous bar)'],
  ['2020-06-29T01:00:00,1,2,0.5,1.5,1', ' field "timestamp": expected a bar start after the previous row\'s 2020-06-29T01:00:00.000Z, was 2020-06-29T01:00:00.000Z ("2020-06-29T01:00:00", a duplicate of the previous bar)'],
  ['2020-06-29T02:00:00,1,2', ': expected at least 6 fields separated by ",", found 3'],
];

function write(name: string, lines: readonly string[], ending = '\n'): string {
  writeFileSync(join(dir, name), lines.join(ending) + ending);
  return name;
}

async function readAll(input: Omit<CsvDataSourceInput, 'symbol'>, logger?: pino.Logger): Promise<{ bars: Bar[]; source: CsvDataSource }> {
  const source = CsvDataSource.fromOptions({ symbol: 'NQ', timeframe: '30m', ...input }, { baseDir: dir, logger });
  const bars: Bar[] = [];
  for await (const batch of source.read()) bars.push(...(batch as Bar[]));
  return { bars, source };
}

function capturingLogger(): { logger: pino.Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, records };
}

describe('bad rows with onBadRow: error', () => {
  it.each(BAD_ROWS.map(([row, message], index) => [index, row, message] as const))('case %i stops with GM_DATA_BAD_ROW naming file, line and field', async (index, row, message) => {
    const path = write(`error-${index}.csv`, [HEADER, GOOD_FIRST, row, GOOD_LAST]);
    const error = await readAll({ path }).catch((thrown: unknown) => thrown);
    expect(SdkError.is(error) && error.code).toBe('GM_DATA_BAD_ROW');
    expect((error as Error).message).toBe(`${path}:3${message}`);
    expect((error as SdkError).details).toMatchObject({ file: path, line: 3, row });
  });

  it('names the header of a mapped column as well as the field', async () => {
    const path = write('error-mapped.csv', ['Timestamp,Open,High,Llow,Close,Volume', '29/06/2020 01:00:00,1,2,1.2,1.5,1'], '\r\n');
    await expect(readAll({ path, columns: { low: 'Llow' } })).rejects.toThrow(`${path}:2 field "low" (column "Llow"): expected a number <= min(open, close) (1), was 1.2`);
  });
});

describe('bad rows with onBadRow: skip', () => {
  it('emits the good rows, counts every bad row and logs one warning per row', async () => {
    const path = write('skip.csv', [HEADER, GOOD_FIRST, ...BAD_ROWS.map(([row]) => row), GOOD_LAST]);
    const { logger, records } = capturingLogger();
    const { bars, source } = await readAll({ path, onBadRow: 'skip' }, logger);
    expect(bars.map((bar) => bar.start)).toEqual([Date.UTC(2020, 5, 29, 1), Date.UTC(2020, 5, 29, 2, 30)]);
    expect(source.stats()).toMatchObject({ rowsRead: BAD_ROWS.length + 2, recordsEmitted: 2, rowsRejected: BAD_ROWS.length, rowsOutOfRange: 0 });
    expect(source.stats().quarantineFile).toBeUndefined();
    expect(records.map((record) => record.line)).toEqual(BAD_ROWS.map((_, index) => index + 3));
    expect(records.map((record) => record.msg)).toEqual(BAD_ROWS.map(([, message], index) => `skipped bad row: ${path}:${index + 3}${message}`));
    expect(records.every((record) => record.level === 40)).toBe(true);
  });

  it('still counts skipped rows when no logger is given', async () => {
    const path = write('skip-silent.csv', [HEADER, GOOD_FIRST, BAD_ROWS[0]![0], GOOD_LAST]);
    const { source } = await readAll({ path, onBadRow: 'skip' });
    expect(source.stats()).toMatchObject({ rowsRead: 3, recordsEmitted: 2, rowsRejected: 1 });
  });
});

describe('bad rows with onBadRow: quarantine', () => {
  it('copies each rejected raw line with a quoted reason column under the original header', async () => {
    const path = write('quarantine.csv', [HEADER, GOOD_FIRST, ...BAD_ROWS.map(([row]) => row), GOOD_LAST], '\r\n');
    const { bars, source } = await readAll({ path, onBadRow: 'quarantine' });
    expect(bars).toHaveLength(2);
    const file = join(dir, 'quarantine.csv.rejected.csv');
    expect(source.stats()).toMatchObject({ rowsRead: BAD_ROWS.length + 2, recordsEmitted: 2, rowsRejected: BAD_ROWS.length, quarantineFile: file });
    const expected = [
      `${HEADER},reason`,
      ...BAD_ROWS.map(([row, message], index) => `${row},"${`${path}:${index + 3}${message}`.replaceAll('"', '""')}"`),
    ];
    expect(readFileSync(file, 'utf8')).toBe(`${expected.join('\n')}\n`);
  });

  it('writes a header-only quarantine file for a clean read, at the configured path', async () => {
    const path = write('clean.csv', [HEADER, GOOD_FIRST, GOOD_LAST]);
    const { source } = await readAll({ path, onBadRow: 'quarantine', quarantinePath: 'out/../clean-rejects.csv' });
    expect(source.stats()).toMatchObject({ rowsRejected: 0, quarantineFile: join(dir, 'clean-rejects.csv') });
    expect(readFileSync(join(dir, 'clean-rejects.csv'), 'utf8')).toBe(`${HEADER},reason\n`);
  });
});

describe('timestamps that contradict the date order', () => {
  it.each(['error', 'skip', 'quarantine'] as const)('stop with GM_DATA_TIMESTAMP under %s, naming file:line', async (onBadRow) => {
    const path = write(`order-${onBadRow}.csv`, [HEADER, '12/7/2025 9:00,1,2,0.5,1.5,1', '7/13/2025 9:00,1,2,0.5,1.5,1']);
    const error = await readAll({ path, onBadRow }).catch((thrown: unknown) => thrown);
    expect(SdkError.is(error) && error.code).toBe('GM_DATA_TIMESTAMP');
    expect((error as Error).message).toBe(`${path}:3 field "timestamp": "7/13/2025 9:00": month 13 is impossible when dates are read as dmy; the file looks month-first (set dateOrder: 'mdy')`);
  });
});
