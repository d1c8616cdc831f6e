import { addDays, compareDates, daysBetween, localDate } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';

/** The business time a plan covers: five whole calendar years before `today`'s year, and this year up to today. */
export interface DemoWindow {
  readonly today: LocalDate;
  /** 1 January, five years before today's year. */
  readonly firstDay: LocalDate;
  /**
   * The day before `today`: no decision is planned on today itself, so that none can lie after
   * the moment the plan is loaded, whatever the hour.
   */
  readonly lastDay: LocalDate;
  /** Where the imported (archived) history ends: 31 December of the second oldest year. */
  readonly archiveLastDay: LocalDate;
}

export const WINDOW_YEARS = 5;

export function demoWindow(today: LocalDate): DemoWindow {
  const year = Number(today.slice(0, 4));
  return {
    today,
    firstDay: localDate(`${year - WINDOW_YEARS}-01-01`),
    lastDay: addDays(today, -1),
    archiveLastDay: localDate(`${year - WINDOW_YEARS + 1}-12-31`),
  };
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(date: LocalDate): number {
  return (((daysBetween(localDate('1970-01-01'), date) + 4) % 7) + 7) % 7;
}

export function isWorkday(date: LocalDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The date itself when it is a weekday, else the Monday after. */
export function nextWorkday(date: LocalDate): LocalDate {
  let day = date;
  while (!isWorkday(day)) day = addDays(day, 1);
  return day;
}

/** The weekdays from `first` to `last`, both included. */
export function workdaysBetween(first: LocalDate, last: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = first; compareDates(day, last) <= 0; day = addDays(day, 1)) {
    if (isWorkday(day)) days.push(day);
  }
  return days;
}

/**
 * Office hours as UTC minutes: 07:00-15:00 UTC is 08:00-16:00 (winter) or 09:00-17:00 (summer)
 * in Amsterdam, so the Amsterdam calendar date of an instant is always its UTC date.
 */
export const OFFICE_START_MINUTE = 7 * 60;
export const OFFICE_MINUTES = 8 * 60;

/** An ISO instant on `date`, `minute` minutes and `second` seconds into office hours. */
export function officeInstant(date: LocalDate, minute: number, second: number): string {
  const total = OFFICE_START_MINUTE + Math.min(Math.max(minute, 0), OFFICE_MINUTES - 1);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  const ss = String(Math.min(Math.max(second, 0), 59)).padStart(2, '0');
  return `${date}T${hh}:${mm}:${ss}.000Z`;
}
