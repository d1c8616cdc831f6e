import { isLocalDate } from './local-date';

/**
 * Years a date or instant may name. Licences, policies and reports live in this range; a year
 * like 9999 or 275760 is a typing error or a probe, and dates derived from it (validUntil, report
 * periods) would leave what the date arithmetic and JavaScript's Date can hold.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** A whole year in range, as written in a date's first four digits. */
export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A real calendar date `YYYY-MM-DD` (no 2025-02-30) in the years the API accepts. */
export function isCalendarDateInRange(value: unknown): value is string {
  return isLocalDate(value) && isYearInRange(Number(value.slice(0, 4)));
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with a zone whose every part exists: a real date in range, hours 00-23,
 * minutes and seconds 00-59, an offset of at most 14 hours. `Date.parse` alone would read
 * 2025-02-30T00:00:00Z as 2 March.
 */
export function isInstantInRange(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [, date, hours, minutes, seconds = '00', sign, offsetHours = '00', offsetMinutes = '00'] = m;
  if (!isCalendarDateInRange(date)) return false;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return false;
  if (
    sign !== undefined &&
    (Number(offsetMinutes) > 59 || Number(offsetHours) * 60 + Number(offsetMinutes) > 14 * 60)
  ) {
    return false;
  }
  return !Number.isNaN(Date.parse(value));
}
