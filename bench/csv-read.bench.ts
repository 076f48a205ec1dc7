/**
 * Benchmark of CsvDataSource against plain "read lines, split, parse" loops over the same 1,000,000-row
 * 1-minute bar file (written once by the synthetic generator into the temp folder). Prints the best of
 * three passes for each reader and the ratio to the fastest plain loop.
 *
 * Run: npm run bench -- csv-read   (about 30 s)
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { CsvDataSource, SYNTHETIC_CSV_HEADER, formatSyntheticRow, generateSyntheticBars, type Bar } from '@grandmodel/framework';

const ROWS = 1_000_000;
const PASSES = 3;
const FILE = join(tmpdir(), `grandmodel-bench-${ROWS}.csv`);

async function writeFile(): Promise<void> {
  if (existsSync(FILE)) return;
  const stream = createWriteStream(FILE);
  let block = `${SYNTHETIC_CSV_HEADER}\n`;
  let rows = 0;
  for (const bar of generateSyntheticBars({ symbol: 'NQ', from: '2020-01-01', to: '2024-01-01', seed: 7, tickSize: 0.25, startPrice: 9000 })) {
    block += formatSyntheticRow(bar);
    if (++rows === ROWS) break;
    if (block.length > 65_536) {
      if (!stream.write(block)) await once(stream, 'drain');
      block = '';
    }
  }
  stream.end(block);
  await finished(stream);
}

/** readline, split(','), Date.parse, Number: the most common hand-written loop. */
async function readlineLoop(): Promise<number> {
  let checksum = 0;
  let header = true;
  for await (const line of createInterface({ input: createReadStream(FILE), crlfDelay: Infinity })) {
    if (header) {
      header = false;
      continue;
    }
    const fields = line.split(',');
    checksum += Date.parse(fields[0]!) / 1e12 + Number(fields[1]) + Number(fields[2]) + Number(fields[3]) + Number(fields[4]) + Number(fields[5]);
  }
  return checksum;
}

/** 1 MiB chunks split on '\n' by hand, then split(','), Date.parse, Number: a faster plain loop. */
async function chunkLoop(): Promise<number> {
  let checksum = 0;
  let carry = '';
  let header = true;
  for await (const chunk of createReadStream(FILE, { highWaterMark: 1 << 20, encoding: 'utf8' }) as AsyncIterable<string>) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const line of lines) {
      if (header) {
        header = false;
        continue;
      }
      const fields = line.split(',');
      checksum += Date.parse(fields[0]!) / 1e12 + Number(fields[1]) + Number(fields[2]) + Number(fields[3]) + Number(fields[4]) + Number(fields[5]);
    }
  }
  return checksum;
}

async function sourceLoop(timezone: string): Promise<number> {
  const source = CsvDataSource.fromOptions({ path: FILE, symbol: 'NQ', timeframe: '1m', timezone });
  let checksum = 0;
  for await (const batch of source.read()) {
    for (const bar of batch as Bar[]) checksum += bar.start / 1e12 + bar.open + bar.high + bar.low + bar.close + bar.volume;
  }
  if (source.stats().recordsEmitted !== ROWS) throw new Error(`expected ${ROWS} bars, read ${source.stats().recordsEmitted}`);
  return checksum;
}

async function best(run: () => Promise<number>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < PASSES; pass++) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

await writeFile();
const results: [string, number][] = [
  ['plain: readline + split + Date.parse + Number', await best(readlineLoop)],
  ['plain: 1 MiB chunks + split + Date.parse + Number', await best(chunkLoop)],
  ['CsvDataSource (UTC), checked Bar objects', await best(() => sourceLoop('UTC'))],
  ['CsvDataSource (America/New_York), checked Bar objects', await best(() => sourceLoop('America/New_York'))],
];
const baseline = Math.min(results[0]![1], results[1]![1]);
process.stdout.write(`${ROWS.toLocaleString('en-US')} rows, ${FILE}\n`);
for (const [name, ms] of results) {
  process.stdout.write(`${name.padEnd(56)} ${ms.toFixed(0).padStart(6)} ms  ${((ms * 1e6) / ROWS).toFixed(0).padStart(5)} ns/row  ${(ms / baseline).toFixed(2)}x fastest plain loop\n`);
}
