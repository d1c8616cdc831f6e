/**
 * A calendar date without time zone, `YYYY-MM-DD`. Validity is counted in whole
 * calendar days, so dates are compared and shifted as civil dates, never as instants.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

import { ruleViolation } from './domain-error';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/*
 * The calendar the domain counts in: the years `YYYY` can write. Arithmetic that would leave it
 * is refused with a DomainError rather than producing a string no later step can read again, so
 * that no date the domain accepted can make a later computation throw a RangeError.
 */
export const FIRST_LOCAL_DATE = '0001-01-01' as LocalDate;
export const LAST_LOCAL_DATE = '9999-12-31' as LocalDate;
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/** What of a rejected value goes into a message: enough to recognise it, never a whole body. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function outOfRange(what: string) {
  return ruleViolation(
    'DATE_OUT_OF_RANGE',
    `${what} lies outside the calendar the system counts in (${FIRST_LOCAL_DATE} to ${LAST_LOCAL_DATE})`,
    { firstDate: FIRST_LOCAL_DATE, lastDate: LAST_LOCAL_DATE },
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format(year: number, month: number, day: number): LocalDate {
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    throw outOfRange(`The date ${year}-${pad(month, 2)}-${pad(day, 2)}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

function parts(date: LocalDate): [number, number, number] {
  if (!isLocalDate(date)) {
    throw ruleViolation('INVALID_DATE', `Not a calendar date YYYY-MM-DD: ${shown(date)}`);
  }
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** True when `value` is an existing calendar date written `YYYY-MM-DD`. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The value as a LocalDate.
 * @throws DomainError INVALID_DATE (rule-violation), naming `field` when given.
 */
export function localDate(value: string, field?: string): LocalDate {
  if (!isLocalDate(value)) {
    const what = field === undefined ? 'Not a calendar date' : `${field} must be a calendar date`;
    throw ruleViolation('INVALID_DATE', `${what} YYYY-MM-DD: ${shown(value)}`, field ? { field } : {});
  }
  return value;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm). */
function toEpochDay(date: LocalDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * The same day `months` later. When that day does not exist (29 February in a
 * common year, the 31st of a short month) the result is the first day of the next
 * month, so that "validFrom + N months - 1 day" always ends on the last day of the
 * N-month period instead of cutting a day off it.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (d > daysInMonth(year, month)) return addDays(format(year, month, daysInMonth(year, month)), 1);
  return format(year, month, d);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** The time zone in which the licensing authority counts calendar days. */
export const AUTHORITY_TIME_ZONE = 'Europe/Amsterdam';

const amsterdamFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: AUTHORITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Europe/Amsterdam at the given instant.
 * @throws DomainError DATE_OUT_OF_RANGE for an invalid instant or one outside years 1..9999.
 */
export function amsterdamDateOf(instant: Date): LocalDate {
  // Intl writes year 0 as 1 (1 BC, era dropped) and throws on an invalid Date: refuse both first.
  const year = instant.getUTCFullYear();
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) throw outOfRange(`The instant ${shown(instant)}`);
  const time = instant.getTime();
  if (time < WHOLE_HOUR_OFFSETS_SINCE) return formatAmsterdamDate(instant);
  const hour = Math.floor(time / HOUR_MS);
  const known = datesByHour.get(hour);
  if (known !== undefined) return known;
  if (datesByHour.size >= DATES_BY_HOUR_LIMIT) datesByHour.clear();
  const date = formatAmsterdamDate(new Date(hour * HOUR_MS));
  datesByHour.set(hour, date);
  return date;
}

function formatAmsterdamDate(instant: Date): LocalDate {
  const byType = Object.fromEntries(amsterdamFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return format(Number(byType['year']), Number(byType['month']), Number(byType['day']));
}

/*
 * Formatting with Intl costs microseconds, and every decision, projection and import line asks for
 * dates: the answers are remembered per UTC hour. Since 1940 Amsterdam's offset from UTC has been a
 * whole number of hours, so its midnights fall on whole UTC hours and one hour never spans two
 * Amsterdam dates; earlier instants (offsets of +00:19:32 and +00:20) are formatted every time.
 * Bounded, and emptied when full: the same answers, whatever the order of the questions.
 */
const HOUR_MS = 3_600_000;
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1970, 0, 1);
const DATES_BY_HOUR_LIMIT = 100_000;
const datesByHour = new Map<number, LocalDate>();
