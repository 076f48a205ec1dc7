import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../model/bar.js';
import { CsvDataSource } from './csv-data-source.js';
import type { CsvDataSourceInput } from './csv-data-source-options.js';

const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const dataDir = resolve(repositoryRoot, '../shared/data');
const present = existsSync(resolve(dataDir, 'nq-30m.csv')) && existsSync(resolve(dataDir, 'raw'));

async function readBars(input: Omit<CsvDataSourceInput, 'symbol'>): Promise<{ bars: Bar[]; source: CsvDataSource }> {
  const source = CsvDataSource.fromOptions({ symbol: 'X', ...input }, { baseDir: dataDir });
  const bars: Bar[] = [];
  for await (const batch of source.read()) for (const bar of batch as Bar[]) bars.push(bar);
  return { bars, source };
}

// Independent reading of a clean file: whole file, split, Date.parse, Number
function naiveParse(file: string): number[][] {
  const lines = readFileSync(resolve(dataDir, file), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [stamp, ...numbers] = line.split(',');
    return [Date.parse(`${stamp}Z`), ...numbers.map(Number)];
  });
}

const FILES = [
  { name: 'NQ', clean: 'nq-30m.csv', raw: 'raw/NQ---30-min---ETH.csv', columns: {}, rows: 56_083, first: '2020-06-29T01:00:00', last: '2025-07-02T10:00:00', steps30: 54_368, longer: 1_714 },
  { name: 'CL', clean: 'cl-30m.csv', raw: 'raw/@CL---30-min---ETH.csv', columns: { low: 'Llow' }, rows: 59_217, first: '2020-06-29T01:00:00', last: '2025-07-02T10:30:00', steps30: 57_910, longer: 1_306 },
] as const;

describe.skipIf(!present)('real NQ and CL 30-minute files (skipped: ../shared/data not found)', () => {
  for (const file of FILES) {
    describe(file.name, () => {
      it('reads every clean row with the row count, first and last bar of SOURCES.md and infers 30m', async () => {
        const { bars, source } = await readBars({ path: file.clean });
        expect(source.output).toEqual({ type: 'bars', timeframe: '30m' });
        expect(bars).toHaveLength(file.rows);
        expect(new Date(bars[0]!.start).toISOString()).toBe(`${file.first}.000Z`);
        expect(new Date(bars.at(-1)!.start).toISOString()).toBe(`${file.last}.000Z`);
        expect(source.stats()).toMatchObject({ rowsRead: file.rows, recordsEmitted: file.rows, rowsRejected: 0, rowsOutOfRange: 0 });
        const steps = bars.slice(1).map((bar, i) => bar.start - bars[i]!.start);
        expect(steps.filter((step) => step === 1_800_000)).toHaveLength(file.steps30);
        expect(steps.filter((step) => step > 1_800_000)).toHaveLength(file.longer);
      });

      it('matches an independent whole-file parse of the clean file, bar by bar', async () => {
        const { bars } = await readBars({ path: file.clean });
        const expected = naiveParse(file.clean);
        expect(bars.map((bar) => [bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume])).toEqual(expected);
      });

      it('reads the raw CRLF vendor file (mixed day-first formats) to exactly the clean bars', async () => {
        const [{ bars: clean }, { bars: raw, source }] = await Promise.all([
          readBars({ path: file.clean, timeframe: '30m' }),
          readBars({ path: file.raw, timeframe: '30m', columns: file.columns }),
        ]);
        expect(source.stats().rowsRejected).toBe(0);
        expect(raw).toHaveLength(clean.length);
        expect(raw).toEqual(clean);
      });

      it('reads the raw file on the Asia/Jerusalem clock: same wall-clock readings, no rejected rows', async () => {
        const { bars, source } = await readBars({ path: file.raw, timeframe: '30m', columns: file.columns, timezone: 'Asia/Jerusalem' });
        expect(source.stats()).toMatchObject({ recordsEmitted: file.rows, rowsRejected: 0 });
        const clean = naiveParse(file.clean);
        const jerusalem = new Intl.DateTimeFormat('en-CA', {
          timeZone: 'Asia/Jerusalem', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
        });
        for (let i = 0; i < bars.length; i += 7) {
          const parts = Object.fromEntries(jerusalem.formatToParts(bars[i]!.start).map((part) => [part.type, part.value]));
          const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
          expect(wall).toBe(clean[i]![0]);
        }
      });
    });
  }

  it('finds the 51 flat zero-volume NQ bars and keeps every NQ price on the 0.25 grid', async () => {
    const { bars } = await readBars({ path: 'nq-30m.csv' });
    const flat = bars.filter((bar) => bar.volume === 0);
    expect(flat).toHaveLength(51);
    expect(flat.every((bar) => bar.open === bar.high && bar.high === bar.low && bar.low === bar.close)).toBe(true);
    expect(bars.every((bar) => [bar.open, bar.high, bar.low, bar.close].every((price) => Number.isInteger(price * 4)))).toBe(true);
  });
});
