import { SdkError } from '../errors/sdk-error.js';

/** Parses a config time: epoch ms, or an ISO date/date-time (UTC unless it carries an offset). */
export function parseTime(value: string | number, field: string): number {
  if (typeof value === 'number') return value;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new SdkError('GM_CONFIG_INVALID', `${field}: expected an ISO date such as 2024-01-31 or 2024-01-31T09:30:00Z, was "${value}"`);
  return time;
}
