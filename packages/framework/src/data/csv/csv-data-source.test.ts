import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Bar, Tick } from '../../model/bar.js';
import { CsvDataSource, type CsvDataSourceDependencies } from './csv-data-source.js';
import type { CsvDataSourceInput } from './csv-data-source-options.js';
import { SdkError } from '../../errors/sdk-error.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function source(input: Omit<CsvDataSourceInput, 'symbol'> & { symbol?: string }, dependencies: CsvDataSourceDependencies = {}): CsvDataSource {
  return CsvDataSource.fromOptions({ symbol: 'NQ', ...input }, { baseDir: dir, ...dependencies });
}

async function collect<T = Bar>(from: CsvDataSource, range?: { from?: number; to?: number }): Promise<{ records: T[]; batches: number[] }> {
  const records: T[] = [];
  const batches: number[] = [];
  for await (const batch of from.read(range)) {
    batches.push(batch.length);
    records.push(...(batch as T[]));
  }
  return { records, batches };
}

const HEADER = 'timestamp,open,high,low,close,volume';

describe('CsvDataSource formats', () => {
  it('reads ISO bars, stamping start, end = start + timeframe, symbol and synthetic false', async () => {
    const path = write('iso.csv', `${HEADER}\n2020-06-29T01:00:00,9785.5,9830,9780.25,9822.5,5122\n2020-06-29T01:30:00,9822,9836,9811.75,9826.5,2245\n`);
    const { records } = await collect(source({ path, timeframe: '30m' }));
    expect(records).toEqual([
      { symbol: 'NQ', timeframe: '30m', start: Date.UTC(2020, 5, 29, 1), end: Date.UTC(2020, 5, 29, 1, 30), open: 9785.5, high: 9830, low: 9780.25, close: 9822.5, volume: 5122, synthetic: false },
      { symbol: 'NQ', timeframe: '30m', start: Date.UTC(2020, 5, 29, 1, 30), end: Date.UTC(2020, 5, 29, 2), open: 9822, high: 9836, low: 9811.75, close: 9826.5, volume: 2245, synthetic: false },
    ]);
  });

  it('reads both day-first formats mixed in one CRLF file with a capitalised header', async () => {
    const path = write('dmy.csv', 'Timestamp,Open,High,Low,Close,Volume\r\n29/06/2020 01:00:00,1,2,0.5,1.5,10\r\n2/7/2025 9:00,1,2,0.5,1.5,11\r\n2/7/2025 9:30,1,2,0.5,1.5,12\r\n');
    const { records } = await collect(source({ path, timeframe: '30m' }));
    expect(records.map((bar) => bar.start)).toEqual([Date.UTC(2020, 5, 29, 1), Date.UTC(2025, 6, 2, 9), Date.UTC(2025, 6, 2, 9, 30)]);
    expect(records.map((bar) => bar.volume)).toEqual([10, 11, 12]);
  });

  it('reads month-first dates with dateOrder mdy and year-first slash dates', async () => {
    const mdy = write('mdy.csv', `${HEADER}\n07/02/2025 09:00,1,2,0.5,1.5,1\n07/13/2025 09:00,1,2,0.5,1.5,1\n`);
    expect((await collect(source({ path: mdy, timeframe: '1d', dateOrder: 'mdy' }))).records.map((bar) => bar.start)).toEqual([Date.UTC(2025, 6, 2, 9), Date.UTC(2025, 6, 13, 9)]);
    const ymd = write('ymd.csv', `${HEADER}\n2025/07/02 09:00,1,2,0.5,1.5,1\n`);
    expect((await collect(source({ path: ymd, timeframe: '1d', timestampFormat: 'ymd' }))).records[0]!.start).toBe(Date.UTC(2025, 6, 2, 9));
  });

  it('reads epoch seconds and milliseconds, by magnitude or as configured', async () => {
    const seconds = write('epoch-s.csv', `time,open,high,low,close,vol\n1593392400,1,2,0.5,1.5,1\n1593394200,1,2,0.5,1.5,1\n`);
    const millis = write('epoch-ms.csv', `time,open,high,low,close,vol\n1593392400000,1,2,0.5,1.5,1\n1593394200000,1,2,0.5,1.5,1\n`);
    const expected = [1_593_392_400_000, 1_593_394_200_000];
    expect((await collect(source({ path: seconds }))).records.map((bar) => bar.start)).toEqual(expected);
    expect((await collect(source({ path: millis }))).records.map((bar) => bar.start)).toEqual(expected);
    expect((await collect(source({ path: seconds, timestampFormat: 'epoch_s' }))).records.map((bar) => bar.start)).toEqual(expected);
    expect((await collect(source({ path: millis, timestampFormat: 'epoch_ms' }))).records.map((bar) => bar.start)).toEqual(expected);
  });

  it('honours an explicit offset over the timezone option', async () => {
    const path = write('offset.csv', `${HEADER}\n2024-01-02T09:30:00-05:00,1,2,0.5,1.5,1\n2024-01-02T15:00:00Z,1,2,0.5,1.5,1\n`);
    const { records } = await collect(source({ path, timeframe: '30m', timezone: 'Asia/Tokyo' }));
    expect(records.map((bar) => bar.start)).toEqual([Date.parse('2024-01-02T14:30:00Z'), Date.parse('2024-01-02T15:00:00Z')]);
  });

  it('reads quoted fields, a byte-order mark, extra columns and a last line without a line break', async () => {
    const path = write('quoted.csv', `\uFEFF"Date Time","Open","High","Low","Close","Volume",Note\n"2024-01-02 10:00","1.5","2","1","1.25","7","a, b"\n2024-01-02 10:05,1.25,2,1,1.5,8,x`);
    const { records } = await collect(source({ path, timeframe: '5m', columns: { timestamp: 'Date Time' } }));
    expect(records.map((bar) => [bar.start, bar.open, bar.close, bar.volume])).toEqual([
      [Date.UTC(2024, 0, 2, 10), 1.5, 1.25, 7],
      [Date.UTC(2024, 0, 2, 10, 5), 1.25, 1.5, 8],
    ]);
  });

  it('uses another delimiter and a file without volume when columns.volume is null', async () => {
    const path = write('semicolon.csv', `date;open;high;low;close\n2024-01-02;1;2;0.5;1.5\n2024-01-03;1;2;0.5;1.5\n`);
    const { records } = await collect(source({ path, delimiter: ';', columns: { volume: null } }));
    expect(records.map((bar) => [bar.timeframe, bar.volume])).toEqual([['1d', 0], ['1d', 0]]);
  });
});

describe('CsvDataSource time zones', () => {
  it('converts New York wall-clock bars across the autumn change, keeping the repeated hour in order', async () => {
    const rows = ['00:30', '01:00', '01:30', '01:00', '01:30', '02:00'].map((time) => `2024-11-03 ${time},1,2,0.5,1.5,1`);
    const path = write('ny-fall.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const data = source({ path, timeframe: '30m', timezone: 'America/New_York' });
    const { records } = await collect(data);
    // EDT (UTC-4) until 02:00 EDT, then EST (UTC-5): the second 01:00 is 06:00Z
    expect(records.map((bar) => new Date(bar.start).toISOString())).toEqual([
      '2024-11-03T04:30:00.000Z', '2024-11-03T05:00:00.000Z', '2024-11-03T05:30:00.000Z',
      '2024-11-03T06:00:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-03T07:00:00.000Z',
    ]);
    expect(data.stats().rowsRejected).toBe(0);
  });

  it('converts New York wall-clock bars across the spring change and Jerusalem summer time', async () => {
    const rows = ['01:00', '01:30', '03:00', '03:30'].map((time) => `10/03/2024 ${time},1,2,0.5,1.5,1`);
    const path = write('ny-spring.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const { records } = await collect(source({ path, timeframe: '30m', timezone: 'America/New_York' }));
    expect(records.map((bar) => new Date(bar.start).toISOString())).toEqual([
      '2024-03-10T06:00:00.000Z', '2024-03-10T06:30:00.000Z', '2024-03-10T07:00:00.000Z', '2024-03-10T07:30:00.000Z',
    ]);
    const jerusalem = write('jerusalem.csv', `${HEADER}\n29/06/2020 01:00:00,1,2,0.5,1.5,1\n15/01/2021 01:00:00,1,2,0.5,1.5,1\n`);
    const { records: israel } = await collect(source({ path: jerusalem, timeframe: '30m', timezone: 'Asia/Jerusalem' }));
    expect(israel.map((bar) => new Date(bar.start).toISOString())).toEqual(['2020-06-28T22:00:00.000Z', '2021-01-14T23:00:00.000Z']);
  });

  it('shifts bars stamped at their end back by one timeframe', async () => {
    const path = write('end.csv', `${HEADER}\n2024-01-02T10:05:00,1,2,0.5,1.5,1\n2024-01-02T10:10:00,1,2,0.5,1.5,1\n`);
    const { records } = await collect(source({ path, timestampIs: 'end' }));
    expect(records.map((bar) => [bar.timeframe, bar.start, bar.end])).toEqual([
      ['5m', Date.UTC(2024, 0, 2, 10), Date.UTC(2024, 0, 2, 10, 5)],
      ['5m', Date.UTC(2024, 0, 2, 10, 5), Date.UTC(2024, 0, 2, 10, 10)],
    ]);
  });
});

describe('CsvDataSource timeframe inference', () => {
  it('infers the smallest positive step among the first rows, past gaps and bad rows', async () => {
    const path = write('infer.csv', `${HEADER}\n2024-01-02T10:00:00,1,2,0.5,1.5,1\nnot a time,1,2,0.5,1.5,1\n2024-01-02T11:00:00,1,2,0.5,1.5,1\n2024-01-02T11:15:00,1,2,0.5,1.5,1\n2024-01-02T12:00:00,1,2,0.5,1.5,1\n`);
    const data = source({ path, onBadRow: 'skip' });
    expect(data.output).toEqual({ type: 'bars', timeframe: '15m' });
    expect((await collect(data)).records.map((bar) => bar.end - bar.start)).toEqual([900_000, 900_000, 900_000, 900_000]);
  });

  it('fails clearly when fewer than two timestamps can be read', () => {
    const path = write('one-row.csv', `${HEADER}\n2024-01-02T10:00:00,1,2,0.5,1.5,1\n`);
    expect(() => source({ path }).output).toThrow(/one-row\.csv: cannot infer the timeframe: expected at least two increasing timestamps/);
  });
});

describe('CsvDataSource batches and ranges', () => {
  const rows = Array.from({ length: 10 }, (_, i) => `${new Date(Date.UTC(2024, 0, 2, 10, i)).toISOString()},1,2,0.5,1.5,${i}`);
  const path = write('ten.csv', `${HEADER}\n${rows.join('\n')}\n`);

  it('yields batches of at most batchSize and a remainder', async () => {
    const { records, batches } = await collect(source({ path, batchSize: 3 }));
    expect(batches).toEqual([3, 3, 3, 1]);
    expect(records.map((bar) => bar.volume)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('filters to from/to options and to the read range, intersected, and counts rows out of range', async () => {
    const data = source({ path, from: '2024-01-02T10:02:00', to: Date.UTC(2024, 0, 2, 10, 8) });
    expect((await collect(data)).records.map((bar) => bar.volume)).toEqual([2, 3, 4, 5, 6, 7]);
    // Reading stops at the first bar at or after `to`: rows 0-1 before, row 8 after, row 9 never read
    expect(data.stats()).toMatchObject({ rowsRead: 9, recordsEmitted: 6, rowsRejected: 0, rowsOutOfRange: 3 });
    const narrowed = await collect(data, { from: Date.UTC(2024, 0, 2, 10, 4), to: Date.UTC(2024, 0, 2, 10, 6) });
    expect(narrowed.records.map((bar) => bar.volume)).toEqual([4, 5]);
  });

  it('interprets range options in the configured zone', async () => {
    const data = source({ path, timezone: 'Europe/Paris', from: '2024-01-02T11:05:00' });
    expect((await collect(data)).records.map((bar) => bar.volume)).toEqual([5, 6, 7, 8, 9]);
  });

  it('stops after the current batch when the signal is aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const batch of source({ path, batchSize: 4 }).read({}, controller.signal)) {
      seen.push(batch.length);
      controller.abort();
    }
    expect(seen).toEqual([4]);
  });

  it('splits lines across 1 MiB read chunks exactly as a whole-file parse does', async () => {
    const lines: string[] = [];
    let time = Date.UTC(2023, 0, 1);
    for (let i = 0; i < 40_000; i++) {
      const open = 100 + (i % 97) * 0.25;
      lines.push(`${new Date(time).toISOString().slice(0, 19)},${open},${open + 1.5},${open - 0.75},${open + 0.5},${i}`);
      time += 60_000 * (1 + (i % 3));
    }
    const big = write('big.csv', `${HEADER}\r\n${lines.join('\r\n')}\r\n`);
    const { records, batches } = await collect(source({ path: big, timeframe: '1m' }));
    expect(batches.every((size) => size <= 4096)).toBe(true);
    expect(records).toHaveLength(lines.length);
    // Independent parse: split, Date.parse, Number
    for (let i = 0; i < lines.length; i++) {
      const [stamp, open, high, low, close, volume] = lines[i]!.split(',');
      const bar = records[i]!;
      expect([bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume]).toEqual([Date.parse(`${stamp}Z`), Number(open), Number(high), Number(low), Number(close), Number(volume)]);
    }
  });
});

describe('CsvDataSource ticks', () => {
  it('reads trades with optional bid/ask, allows equal times and maps the last column', async () => {
    const path = write('ticks.csv', `time,last,size,bid,ask\n2024-01-02T10:00:00.100Z,100.25,3,100,100.5\n2024-01-02T10:00:00.100Z,100.5,1,,\n2024-01-02T10:00:01Z,100.75,2,100.5,101\n`);
    const data = source({ path, type: 'ticks', columns: { volume: 'size' } });
    expect(data.output).toEqual({ type: 'ticks' });
    const { records } = await collect<Tick>(data);
    const t0 = Date.parse('2024-01-02T10:00:00.100Z');
    expect(records).toEqual([
      { symbol: 'NQ', time: t0, price: 100.25, volume: 3, bid: 100, ask: 100.5 },
      { symbol: 'NQ', time: t0, price: 100.5, volume: 1, bid: undefined, ask: undefined },
      { symbol: 'NQ', time: t0 + 900, price: 100.75, volume: 2, bid: 100.5, ask: 101 },
    ]);
  });

  it('rejects a negative price, a bad bid and a tick earlier than the previous one', async () => {
    const path = write('bad-ticks.csv', `timestamp,price,volume,bid\n1700000000000,-1,1,1\n1700000000000,5,1,x\n1700000001000,5,1,4\n1700000000500,5,1,4\n1700000002000,6,1,5\n`);
    const data = source({ path, type: 'ticks', onBadRow: 'quarantine', quarantinePath: 'bad-ticks.rejected.csv' });
    const { records } = await collect<Tick>(data);
    expect(records.map((tick) => tick.time)).toEqual([1_700_000_001_000, 1_700_000_002_000]);
    expect(data.stats()).toMatchObject({ rowsRead: 5, recordsEmitted: 2, rowsRejected: 3 });
    await expect(collect(source({ path, type: 'ticks' }))).rejects.toThrow('bad-ticks.csv:2 field "price": expected a price >= 0, was -1');
  });
});

describe('CsvDataSource file errors', () => {
  it('names the file and the expected column when a column is missing', async () => {
    const path = write('typo.csv', 'Timestamp,Open,High,Llow,Close,Volume\n29/06/2020 01:00:00,1,2,0.5,1.5,1\n');
    const error = await collect(source({ path, timeframe: '30m' })).catch((thrown: unknown) => thrown);
    expect(SdkError.is(error) && error.code).toBe('GM_DATA_FILE');
    expect((error as Error).message).toBe(
      `typo.csv: missing the low column: expected a header named "low"; map another header with columns: { low: '<header name>' }; the header was: Timestamp,Open,High,Llow,Close,Volume`,
    );
    const mapped = await collect(source({ path, timeframe: '30m', columns: { low: 'Llow' } }));
    expect(mapped.records[0]!.low).toBe(0.5);
  });

  it('reports a missing file, a folder and an empty file as GM_DATA_FILE', async () => {
    await expect(collect(source({ path: 'nope.csv', timeframe: '1m' }))).rejects.toThrow(/nope\.csv: cannot read the data file \(the file does not exist\)/);
    expect(() => source({ path: 'nope.csv' }).output).toThrow(/nope\.csv: cannot read the data file/);
    await expect(collect(source({ path: '.', timeframe: '1m' }))).rejects.toMatchObject({ code: 'GM_DATA_FILE' });
    const empty = write('empty.csv', '\n\n');
    await expect(collect(source({ path: empty, timeframe: '1m' }))).rejects.toThrow('empty.csv: the file is empty; expected a header line');
  });

  it('rejects invalid options with every problem listed', () => {
    const error = (() => {
      try {
        CsvDataSource.fromOptions({ path: 'x.csv', symbol: 'NQ', timezone: 'Mars/Base', timeframe: '7x', delimiter: ';;', onBadRow: 'ignore', from: 'soon' } as never);
      } catch (thrown) {
        return thrown as Error;
      }
      return undefined;
    })();
    expect(SdkError.is(error) && error.code).toBe('GM_CONFIG_INVALID');
    expect(error?.message).toContain('5 problems');
    expect(error?.message).toContain('timezone: expected an IANA time zone');
    expect(error?.message).toContain('timeframe: expected a timeframe such as 1m');
    expect(error?.message).toContain('delimiter:');
    expect(error?.message).toContain('onBadRow:');
    expect(() => CsvDataSource.fromOptions({ path: 'x.csv', symbol: 'NQ', from: 'soon' })).toThrow('from: expected an ISO date or date-time or epoch milliseconds, was "soon"');
  });
});
