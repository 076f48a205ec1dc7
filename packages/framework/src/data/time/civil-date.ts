/** Milliseconds in one civil day (no leap seconds, as in JavaScript time). */
export const MS_PER_DAY = 86_400_000;

/**
 * Returns the number of days from 1970-01-01 to a proleptic Gregorian date (month 1-12).
 * Pure integer arithmetic, so it is fast and valid for any year (H. Hinnant's days_from_civil).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Returns true when the year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Returns the number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Returns the weekday of a day count from 1970-01-01: 0 = Sunday … 6 = Saturday. */
export function weekdayOfDays(days: number): number {
  // 1970-01-01 was a Thursday
  return (((days + 4) % 7) + 7) % 7;
}
