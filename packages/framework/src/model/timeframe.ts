import { SdkError } from '../errors/sdk-error.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A bar length written as a number and a unit: `30s`, `1m`, `5m`, `30m`, `4h`, `1d`. */
export type Timeframe = `${number}${keyof typeof UNIT_MS}`;

const PATTERN = /^(\d+)(s|m|h|d)$/;

/** Returns true when the text is a valid timeframe such as `5m`. */
export function isTimeframe(text: string): text is Timeframe {
  const match = PATTERN.exec(text);
  return match !== null && Number(match[1]) > 0;
}

/** Returns the length of a timeframe in milliseconds. */
export function timeframeToMs(timeframe: string): number {
  const match = PATTERN.exec(timeframe);
  if (match === null || Number(match[1]) <= 0) {
    throw new SdkError('GM_CONFIG_INVALID', `Invalid timeframe "${timeframe}": expected a positive number and a unit s, m, h or d (e.g. 5m), was "${timeframe}"`);
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Returns the timeframe text for a length in milliseconds, using the largest unit that divides it. */
export function msToTimeframe(ms: number): Timeframe {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}` as Timeframe;
  }
  throw new SdkError('GM_CONFIG_INVALID', `A timeframe must be a whole number of seconds, was ${ms} ms`);
}
