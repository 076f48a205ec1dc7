import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Bar } from '../../model/bar.js';
import { SdkError } from '../../errors/sdk-error.js';
import { SyntheticMarket } from './synthetic-market.js';
import type { SyntheticMarketInput } from './synthetic-market-options.js';

/** Header of synthetic CSV files. */
export const SYNTHETIC_CSV_HEADER = 'timestamp,open,high,low,close,volume';

// Rows are written in blocks of about this many characters
const BLOCK_SIZE = 64 * 1024;

/** Returns one CSV row for a bar: ISO UTC start `YYYY-MM-DDTHH:MM:SSZ`, prices as shortest decimals. */
export function formatSyntheticRow(bar: Bar): string {
  const stamp = new Date(bar.start).toISOString();
  return `${stamp.slice(0, 19)}Z,${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume}\n`;
}

/**
 * Writes the synthetic market's bars to a CSV file (header `timestamp,open,high,low,close,volume`),
 * streaming in blocks so a year of 1-minute bars never sits in memory. Creates the parent folder.
 * Returns the number of rows written.
 */
export async function writeSyntheticCsv(options: SyntheticMarketInput, outPath: string): Promise<number> {
  const market = new SyntheticMarket(options);
  try {
    await mkdir(dirname(outPath), { recursive: true });
  } catch (error) {
    throw new SdkError('GM_DATA_FILE', `cannot create the folder of ${outPath}: ${(error as Error).message}`, { cause: error });
  }
  const stream = createWriteStream(outPath);
  let rows = 0;
  let block = `${SYNTHETIC_CSV_HEADER}\n`;
  try {
    for (const bar of market) {
      block += formatSyntheticRow(bar);
      rows++;
      if (block.length >= BLOCK_SIZE) {
        const accepted = stream.write(block);
        block = '';
        if (!accepted) await once(stream, 'drain');
      }
    }
    stream.end(block);
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw new SdkError('GM_DATA_FILE', `cannot write ${outPath}: ${(error as Error).message}`, { cause: error });
  }
  return rows;
}
