/*
 * Calendar dates (`YYYY-MM-DD`) as the API takes them. Business dates are days in Amsterdam,
 * where the decisions are taken: just after midnight there it is already tomorrow, while UTC
 * and a browser elsewhere may still say today.
 */

const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Amsterdam at `now`. */
export function todayInAmsterdam(now: Date = new Date()): string {
  const parts = Object.fromEntries(AMSTERDAM_DAY.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** `date` plus `days` calendar days (negative for earlier), across months, years and leap days. */
export function addDays(date: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  const [, year, month, day] = match;
  const moved = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + days));
  return moved.toISOString().slice(0, 10);
}
