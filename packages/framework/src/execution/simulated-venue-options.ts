import { z } from 'zod';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Commission and fee parts; a fill's fee is their sum, and an order pays at least `minimum` in total. */
export const feeScheduleOptions = z
  .strictObject({
    perContract: z.number().nonnegative().default(0).describe('Commission per contract filled (futures), in the account currency'),
    perShare: z.number().nonnegative().default(0).describe('Commission per share or unit filled, in the account currency'),
    bps: z.number().nonnegative().default(0).describe('Fee in basis points of fill notional (quantity × price × multiplier), on every fill'),
    makerBps: z.number().nonnegative().default(0).describe('Extra basis points of notional on maker fills (resting limit orders)'),
    takerBps: z.number().nonnegative().default(0).describe('Extra basis points of notional on taker fills (market, stop and marketable limit orders)'),
    minimum: z.number().nonnegative().default(0).describe('Minimum commission per order, charged with its first fill; later fills pay only what the running total exceeds it by'),
  })
  .describe('Fees charged per fill');

/** Slippage applied against market and stop fills (never on limit fills). */
export const slippageOptions = z
  .strictObject({
    ticks: z.number().int().nonnegative().default(0).describe('Whole ticks added against the order (buys pay more, sells receive less)'),
    bps: z.number().nonnegative().default(0).describe('Basis points of the fill price added against the order, rounded up to whole ticks'),
  })
  .describe('Slippage on market and stop fills');

/** When DAY orders end: a wall-clock time in a time zone. */
export const dayEndOptions = z
  .strictObject({
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time HH:MM such as "17:00"')
      .default('00:00')
      .describe('Local time at which DAY orders expire, HH:MM'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'expected an IANA time zone such as "America/New_York"')
      .default('UTC')
      .describe('IANA time zone of `time`'),
  })
  .describe('End of the trading day for DAY orders (default: midnight UTC)');

/** Options of the simulated venue: the `broker: { use: sim, options: {...} }` block of a config. */
export const simulatedVenueOptions = z
  .strictObject({
    fees: feeScheduleOptions.prefault({}),
    slippage: slippageOptions.prefault({}),
    participation: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('Largest fraction of a bar\'s volume one order may fill in that bar; the rest waits for later bars (default: no cap)'),
    lotSize: z.number().positive().default(1).describe('Quantity step of partial fills made by the participation cap'),
    latencyMs: z.number().int().nonnegative().default(0).describe('Delay before an order reaches the venue; it can fill only on bars starting at or after submit time + latency'),
    fillPrice: z
      .enum(['next_open', 'close'])
      .default('next_open')
      .describe('Market orders fill at the next bar\'s open, or at the close of the bar they were decided on (optimistic: see docs)'),
    dayEndsAt: dayEndOptions.prefault({}),
  })
  .refine((options) => !(options.fillPrice === 'close' && options.latencyMs > 0), {
    message: 'latencyMs must be 0 when fillPrice is "close": close fills happen at the decision instant',
    path: ['latencyMs'],
  })
  .describe('Simulated venue: fill model, fees, slippage, participation and latency');

/** Options as written in config (defaults optional). */
export type SimulatedVenueOptionsInput = z.input<typeof simulatedVenueOptions>;
/** Options after parsing, every default filled in. */
export type SimulatedVenueOptions = z.output<typeof simulatedVenueOptions>;
/** Parsed fee options. */
export type FeeScheduleOptions = z.output<typeof feeScheduleOptions>;
