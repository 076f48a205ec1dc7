import { SdkError } from '../errors/sdk-error.js';
import { isTimeframe, timeframeToMs } from '../model/timeframe.js';

/** A bar timeframe text, parsed: time bars (`5m`) or activity bars (`volume:5000`, `tick:100`, `range:10`). */
export type BarSpec =
  | { readonly kind: 'time'; readonly timeframe: string; readonly lengthMs: number }
  | { readonly kind: 'volume'; readonly timeframe: string; readonly threshold: number }
  | { readonly kind: 'tick'; readonly timeframe: string; readonly count: number }
  | { readonly kind: 'range'; readonly timeframe: string; readonly range: number };

const ACTIVITY = /^(volume|tick|range):(\d+(?:\.\d+)?)$/;

/** Parses a bar timeframe text such as `5m`, `1d`, `volume:5000`, `tick:100` or `range:2.5`. */
export function parseBarSpec(timeframe: string): BarSpec {
  if (typeof timeframe === 'string' && isTimeframe(timeframe)) {
    return { kind: 'time', timeframe, lengthMs: timeframeToMs(timeframe) };
  }
  const match = typeof timeframe === 'string' ? ACTIVITY.exec(timeframe) : null;
  const size = match === null ? 0 : Number(match[2]);
  if (match === null || !(size > 0)) {
    throw new SdkError(
      'GM_CONFIG_INVALID',
      `Bar timeframe: expected a time length such as "5m" or "1d", or "volume:N", "tick:N" or "range:R" with a number > 0, was ${JSON.stringify(timeframe)}`,
    );
  }
  const kind = match[1] as 'volume' | 'tick' | 'range';
  // Activity labels are canonical, as the aggregators stamp them: `range:2.50` → `range:2.5`
  const label = `${kind}:${size}`;
  if (kind === 'volume') return { kind, timeframe: label, threshold: size };
  if (kind === 'range') return { kind, timeframe: label, range: size };
  if (!Number.isSafeInteger(size)) {
    throw new SdkError('GM_CONFIG_INVALID', `Bar timeframe: "tick:N" needs a whole number of ticks, was ${JSON.stringify(timeframe)}`);
  }
  return { kind, timeframe: label, count: size };
}
