import { z } from 'zod';
import { ConfigError } from '../../errors/config-error.js';
import { isTimeframe, timeframeToMs } from '../../model/timeframe.js';
import { parseInstant } from '../time/parse-instant.js';
import { isValidTimeZone } from '../time/zone-converter.js';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day HH:MM such as 18:00');

const instant = z
  .union([z.string(), z.number()])
  .refine((value) => parseInstant(value) !== undefined, { error: (issue) => `expected an ISO date or date-time or epoch milliseconds, was ${JSON.stringify(issue.input)}` });

/** Options of the synthetic market generator (`generateSyntheticBars`, `writeSyntheticCsv`, the `synthetic` data plugin). */
export const syntheticMarketOptions = z
  .strictObject({
    symbol: z.string().min(1).default('SYN').describe('Symbol stamped on every bar'),
    from: instant.default('2024-01-01').describe('First bar start (inclusive): ISO date or date-time, UTC unless it has an offset, or epoch ms'),
    to: instant.default('2024-02-01').describe('End of the generated range (exclusive): ISO date or date-time, UTC unless it has an offset, or epoch ms'),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1).describe('Seed of every random draw; the same options and seed give the same bars'),
    startPrice: z.number().positive().default(100).describe('Price of the first bar open'),
    tickSize: z.number().positive().default(0.01).describe('Price grid: every open, high, low and close is a multiple of it'),
    timeframe: z
      .string()
      .refine((text) => isTimeframe(text) && timeframeToMs(text) % 60_000 === 0, { message: 'expected a whole number of minutes such as 1m, 5m, 30m or 1h' })
      .default('1m')
      .describe('Bar length, a whole number of minutes'),
    annualVolatility: z.number().positive().max(5).default(0.2).describe('Target annualised volatility of log returns (0.2 = 20%), averaged over regimes'),
    baseVolume: z.number().nonnegative().default(500).describe('Average volume per minute of trading'),
    regimeMeanDurationHours: z.number().positive().default(24).describe('Average time spent in a regime before switching (scaled per regime)'),
    garch: z
      .strictObject({
        alpha: z.number().min(0).max(1).default(0.05).describe('Weight of the last squared shock in the next bar variance'),
        beta: z.number().min(0).max(1).default(0.94).describe('Weight of the last variance in the next bar variance'),
      })
      .prefault({})
      .refine((garch) => garch.alpha + garch.beta < 1, { message: 'expected alpha + beta < 1 (a stationary variance)' })
      .describe('GARCH(1,1) volatility clustering, per bar'),
    gapVarianceRatio: z
      .number()
      .min(0)
      .default(0.25)
      .describe('Price gap at each session open: variance as a fraction of what trading through the break would add'),
    session: z
      .strictObject({
        timezone: z
          .string()
          .refine(isValidTimeZone, { message: 'expected an IANA time zone such as America/New_York' })
          .default('America/New_York')
          .describe('Zone of the session clock'),
        open: clockTime.default('18:00').describe('Daily session open, wall clock; an open at or after the close starts the evening before'),
        close: clockTime.default('17:00').describe('Daily session close, wall clock; the time from close to open is the maintenance break'),
        weekends: z.boolean().default(true).describe('Trade Monday to Friday sessions only: no bars from Friday close to Sunday open'),
        volumeMiddayRatio: z
          .number()
          .positive()
          .max(1)
          .default(0.35)
          .describe('Volume (and variance) in mid-session relative to the session open and close: the depth of the U'),
      })
      .prefault({})
      .describe('Trading sessions (default: CME-style Sunday 18:00 to Friday 17:00 New York, daily break 17:00-18:00)'),
  })
  .superRefine((options, context) => {
    const from = parseInstant(options.from)!;
    const to = parseInstant(options.to)!;
    if (to <= from) context.addIssue({ code: 'custom', path: ['to'], message: `expected a time after from (${options.from}), was ${JSON.stringify(options.to)}` });
    if (options.tickSize >= options.startPrice) context.addIssue({ code: 'custom', path: ['tickSize'], message: `expected a tick size below startPrice (${options.startPrice}), was ${options.tickSize}` });
  });

/** Options as written (defaults optional). */
export type SyntheticMarketInput = z.input<typeof syntheticMarketOptions>;
/** Options after parsing, defaults filled in. */
export type SyntheticMarketOptions = z.output<typeof syntheticMarketOptions>;

/** Parses synthetic market options; throws ConfigError listing every problem. */
export function parseSyntheticMarketOptions(input: SyntheticMarketInput): SyntheticMarketOptions {
  const result = syntheticMarketOptions.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message })), 'synthetic market options');
}
