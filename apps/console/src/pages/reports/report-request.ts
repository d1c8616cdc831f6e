import type { Query } from '../../api/api-client';
import { PERIOD_KINDS, PERIODS_OF, REPORT_FORMATS, REPORT_LANGUAGES, REPORT_NAMES } from '../../api/report.types';
import type { ReportRequest } from '../../api/report.types';
import { todayInAmsterdam } from '../../components/cases/calendar-dates';

/** The query parameters that name the request's period: only those of the period kind chosen. */
const PERIOD_FIELDS = {
  year: ['year'],
  quarter: ['quarter'],
  month: ['month'],
  range: ['from', 'to'],
} as const;

/** The API's query for a request: one period, its format and language; the API judges the values. */
export function reportQuery(request: ReportRequest): Query {
  const period = Object.fromEntries(PERIOD_FIELDS[request.periodKind].map((field) => [field, request[field]]));
  return { ...period, format: request.format, lang: request.lang };
}

/** The query fields a period kind shows, so that the API's message lands on its field. */
export function periodFields(request: ReportRequest): readonly string[] {
  return PERIOD_FIELDS[request.periodKind];
}

const EXTENSIONS = { html: 'html', json: 'json', csv: 'csv', md: 'md' } as const;

/** The API sends no file name, so the console names the file after the report and its period. */
export function reportFileName(request: ReportRequest): string {
  const period = PERIOD_FIELDS[request.periodKind].map((field) => request[field]).join('_') || 'period';
  return `${request.report}-${period}-${request.lang}.${EXTENSIONS[request.format]}`;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** A request from the URL's parameters, each unknown value replaced by a default. */
export function requestFromParams(params: URLSearchParams, now = new Date()): ReportRequest {
  const report = oneOf(REPORT_NAMES, params.get('report'), 'eu-annual');
  const lastYear = String(Number(todayInAmsterdam(now).slice(0, 4)) - 1);
  const kind = oneOf(PERIOD_KINDS, params.get('period'), 'year');
  return {
    report,
    periodKind: PERIODS_OF[report].includes(kind) ? kind : 'year',
    year: params.get('year') ?? lastYear,
    quarter: params.get('quarter') ?? `${lastYear}-Q4`,
    month: params.get('month') ?? `${lastYear}-12`,
    from: params.get('from') ?? `${lastYear}-01-01`,
    to: params.get('to') ?? `${lastYear}-12-31`,
    format: oneOf(REPORT_FORMATS, params.get('format'), 'html'),
    lang: oneOf(REPORT_LANGUAGES, params.get('lang'), 'nl'),
  };
}

/** The URL's parameters for a request: its report, period kind, period, format and language. */
export function paramsOf(request: ReportRequest): URLSearchParams {
  return new URLSearchParams({
    report: request.report,
    period: request.periodKind,
    ...Object.fromEntries(PERIOD_FIELDS[request.periodKind].map((field) => [field, request[field]])),
    format: request.format,
    lang: request.lang,
  });
}
