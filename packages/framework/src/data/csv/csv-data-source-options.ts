import { z } from 'zod';
import { isTimeframe } from '../../model/timeframe.js';
import { parseInstant } from '../time/parse-instant.js';
import { isValidTimeZone } from '../time/zone-converter.js';

// The format is checked here; the value depends on `timezone` and is computed by the source
const rangeBound = z
  .union([z.string(), z.number()])
  .refine((value) => parseInstant(value) !== undefined, { error: (issue) => `expected an ISO date or date-time or epoch milliseconds, was ${JSON.stringify(issue.input)}` })
  .optional();

const columnName = z.string().min(1);

/** Options of `CsvDataSource` (the `csv` data plugin). */
export const csvDataSourceOptions = z
  .strictObject({
    path: z.string().min(1).describe('CSV file to read; a relative path resolves against the config folder (baseDir)'),
    symbol: z.string().min(1).describe('Symbol stamped on every bar or tick, e.g. NQ'),
    type: z.enum(['bars', 'ticks']).default('bars').describe('What each row is: an OHLCV bar or a tick (trade or quote)'),
    timeframe: z
      .string()
      .refine(isTimeframe, { message: 'expected a timeframe such as 1m, 5m, 30m, 4h or 1d' })
      .optional()
      .describe('Bar length, e.g. 30m; when omitted it is inferred as the smallest positive step between the first rows'),
    columns: z
      .strictObject({
        timestamp: columnName.optional().describe('Header of the time column; default: timestamp, datetime, date or time'),
        open: columnName.optional().describe('Header of the open price column (bars); default: open'),
        high: columnName.optional().describe('Header of the high price column (bars); default: high'),
        low: columnName.optional().describe('Header of the low price column (bars); default: low'),
        close: columnName.optional().describe('Header of the close price column (bars); default: close'),
        volume: columnName.nullable().optional().describe('Header of the volume column; default: volume or vol; null = the file has none (volume 0)'),
        price: columnName.optional().describe('Header of the trade price column (ticks); default: price or last'),
        bid: columnName.optional().describe('Header of the bid column (ticks, optional); default: bid'),
        ask: columnName.optional().describe('Header of the ask column (ticks, optional); default: ask'),
      })
      .prefault({})
      .describe('Header names of the columns when they differ from the defaults (matched case-insensitively), e.g. { low: Llow }'),
    timestampFormat: z
      .enum(['auto', 'iso', 'epoch_s', 'epoch_ms', 'dmy', 'mdy', 'ymd'])
      .default('auto')
      .describe('How timestamps are written; auto reads ISO 8601, epoch seconds or ms (by magnitude) and slash dates in dateOrder'),
    dateOrder: z
      .enum(['dmy', 'mdy'])
      .default('dmy')
      .describe('Day/month order of slash dates in auto mode: 29/06/2020 is dmy, 06/29/2020 is mdy'),
    timezone: z
      .string()
      .refine(isValidTimeZone, { message: 'expected an IANA time zone such as UTC, America/New_York or Asia/Jerusalem' })
      .default('UTC')
      .describe('IANA zone of timestamps that carry no offset (wall-clock times in the file)'),
    timestampIs: z
      .enum(['start', 'end'])
      .default('start')
      .describe('Whether a bar timestamp marks the start or the end of the bar'),
    onBadRow: z
      .enum(['error', 'skip', 'quarantine'])
      .default('error')
      .describe('What to do with a bad row: stop with an error, skip it with a warning, or copy it to the quarantine file'),
    quarantinePath: z
      .string()
      .min(1)
      .optional()
      .describe('Where rejected rows go with onBadRow: quarantine; default <path>.rejected.csv'),
    from: rangeBound.describe('First time to emit (inclusive): ISO date or date-time in timezone unless it has an offset, or epoch ms'),
    to: rangeBound.describe('End of the range (exclusive): ISO date or date-time in timezone unless it has an offset, or epoch ms'),
    delimiter: z.string().length(1).default(',').describe('Field separator, one character'),
    batchSize: z.number().int().positive().max(1_000_000).default(4096).describe('Records per batch yielded by read()'),
  });

/** Options as written in config (defaults optional). */
export type CsvDataSourceInput = z.input<typeof csvDataSourceOptions>;
/** Options after parsing, defaults filled in. */
export type CsvDataSourceOptions = z.output<typeof csvDataSourceOptions>;
/** Column header names a user can map. */
export type CsvColumnMapping = CsvDataSourceOptions['columns'];
