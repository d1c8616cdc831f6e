import { addDays, addMonths, isLocalDate } from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import type { ReportPeriod } from './report.types';

/** How a period can be asked for: exactly one of year, month, quarter, or from and to together. */
export interface ReportPeriodQuery {
  readonly year?: string;
  readonly month?: string;
  readonly quarter?: string;
  readonly from?: string;
  readonly to?: string;
}

export class ReportPeriodError extends Error {}

function firstDay(year: number, month: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01` as LocalDate;
}

function months(year: number, month: number, count: number, label: string): ReportPeriod {
  const from = firstDay(year, month);
  return { from, to: addDays(addMonths(from, count), -1), label };
}

/** Parses and validates a period; throws `ReportPeriodError` with a reason a client can act on. */
export function parseReportPeriod(query: ReportPeriodQuery): ReportPeriod {
  const given = (['year', 'month', 'quarter', 'from', 'to'] as const).filter(
    (key) => query[key] !== undefined && query[key] !== '',
  );
  const range = given.includes('from') || given.includes('to');
  if (given.length === 0 || (range ? given.length !== 2 || !(query.from && query.to) : given.length !== 1)) {
    throw new ReportPeriodError('Give exactly one of year, month, quarter, or from and to together');
  }
  if (query.year) {
    if (!/^\d{4}$/.test(query.year)) throw new ReportPeriodError(`Invalid year: ${query.year}`);
    return months(Number(query.year), 1, 12, query.year);
  }
  if (query.month) {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(query.month);
    if (!match) throw new ReportPeriodError(`Invalid month (YYYY-MM): ${query.month}`);
    return months(Number(match[1]), Number(match[2]), 1, query.month);
  }
  if (query.quarter) {
    const match = /^(\d{4})-Q([1-4])$/.exec(query.quarter);
    if (!match) throw new ReportPeriodError(`Invalid quarter (YYYY-Qn): ${query.quarter}`);
    return months(Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 3, query.quarter);
  }
  const { from, to } = query;
  if (!isLocalDate(from) || !isLocalDate(to)) {
    throw new ReportPeriodError('from and to must be calendar dates (YYYY-MM-DD)');
  }
  if (from > to) throw new ReportPeriodError('from must not be after to');
  return { from, to, label: `${from}..${to}` };
}

/** The calendar year a period lies in; the yearly reports need a whole single year. */
export function yearOf(period: ReportPeriod): number {
  const year = Number(period.from.slice(0, 4));
  if (period.from !== `${year}-01-01` || period.to !== `${year}-12-31`) {
    throw new ReportPeriodError('This report covers a calendar year: give year=YYYY');
  }
  return year;
}
