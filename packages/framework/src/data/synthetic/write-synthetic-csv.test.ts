import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import { CsvDataSource } from '../csv/csv-data-source.js';
import { runDataSynth } from './run-data-synth.js';
import { SyntheticDataSource } from './synthetic-data-source.js';
import { generateSyntheticBars } from './synthetic-market.js';
import { writeSyntheticCsv } from './write-synthetic-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { symbol: 'NQ', from: '2024-01-03', to: '2024-01-10', seed: 7, tickSize: 0.25, startPrice: 17000 };

describe('writeSyntheticCsv', () => {
  it('writes the header and one row per bar, returning the row count', async () => {
    const path = join(dir, 'nested', 'nq.csv');
    const rows = await writeSyntheticCsv(OPTIONS, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('timestamp,open,high,low,close,volume');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(rows);
    const bars = [...generateSyntheticBars(OPTIONS)];
    expect(rows).toBe(bars.length);
    expect(lines[1]).toBe(`${new Date(bars[0]!.start).toISOString().slice(0, 19)}Z,${bars[0]!.open},${bars[0]!.high},${bars[0]!.low},${bars[0]!.close},${bars[0]!.volume}`);
    expect(lines.slice(1, -1).every((line) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,[\d.]+,[\d.]+,[\d.]+,[\d.]+,\d+$/.test(line))).toBe(true);
  });

  it('writes byte-identical files for the same seed and different files for another seed', async () => {
    await writeSyntheticCsv(OPTIONS, join(dir, 'a.csv'));
    await writeSyntheticCsv(OPTIONS, join(dir, 'b.csv'));
    await writeSyntheticCsv({ ...OPTIONS, seed: 8 }, join(dir, 'c.csv'));
    const a = readFileSync(join(dir, 'a.csv'));
    expect(a.equals(readFileSync(join(dir, 'b.csv')))).toBe(true);
    expect(a.equals(readFileSync(join(dir, 'c.csv')))).toBe(false);
  });

  it('reads back through CsvDataSource to the generated bars, with the timeframe inferred', async () => {
    const path = join(dir, 'readback.csv');
    await writeSyntheticCsv({ ...OPTIONS, timeframe: '5m' }, path);
    const source = CsvDataSource.fromOptions({ path, symbol: 'NQ' });
    expect(source.output).toEqual({ type: 'bars', timeframe: '5m' });
    const read: Bar[] = [];
    for await (const batch of source.read()) read.push(...(batch as Bar[]));
    expect(read).toEqual([...generateSyntheticBars({ ...OPTIONS, timeframe: '5m' })]);
    expect(source.stats().rowsRejected).toBe(0);
  });
});

describe('runDataSynth', () => {
  it('accepts flag strings, resolves --out against baseDir and reports rows and path', async () => {
    const result = await runDataSynth({ symbol: 'NQ', from: '2024-01-03', to: '2024-01-04', seed: '7', out: 'cli/nq.csv', tickSize: '0.25', startPrice: '17000', baseDir: dir });
    expect(result.path).toBe(join(dir, 'cli', 'nq.csv'));
    expect(result.rows).toBe([...generateSyntheticBars({ ...OPTIONS, to: '2024-01-04' })].length);
    const direct = join(dir, 'direct.csv');
    await writeSyntheticCsv({ ...OPTIONS, to: '2024-01-04' }, direct);
    expect(readFileSync(result.path).equals(readFileSync(direct))).toBe(true);
  });

  it('names every bad flag in one GM_CLI_USAGE error', async () => {
    const error = await runDataSynth({ symbol: 'NQ', from: 'yesterday', to: '2024-01-04', seed: 'seven', out: 'x.csv', tickSize: '-1', baseDir: dir }).catch((thrown: unknown) => thrown);
    expect(SdkError.is(error) && error.code).toBe('GM_CLI_USAGE');
    const message = (error as Error).message;
    expect(message).toContain('--seed: ');
    expect(message).toContain('was "seven"');
    expect(message).toContain('--tick-size: ');
    expect(message).toContain('--from: expected an ISO date or date-time or epoch milliseconds, was "yesterday"');
  });
});

describe('SyntheticDataSource', () => {
  it('yields the generated bars in batches, and a range yields the same bars filtered', async () => {
    const source = new SyntheticDataSource(OPTIONS);
    expect(source.output).toEqual({ type: 'bars', timeframe: '1m' });
    expect(source.symbols).toEqual(['NQ']);
    const all: Bar[] = [];
    const sizes: number[] = [];
    for await (const batch of source.read()) {
      sizes.push(batch.length);
      all.push(...batch);
    }
    const expected = [...generateSyntheticBars(OPTIONS)];
    expect(all).toEqual(expected);
    expect(sizes.slice(0, -1).every((size) => size === 4096)).toBe(true);
    const from = Date.parse('2024-01-05T12:00:00Z');
    const to = Date.parse('2024-01-05T14:00:00Z');
    const part: Bar[] = [];
    for await (const batch of source.read({ from, to })) part.push(...batch);
    expect(part).toEqual(expected.filter((bar) => bar.start >= from && bar.start < to));
    expect(source.stats().recordsEmitted).toBe(120);
  });
});
