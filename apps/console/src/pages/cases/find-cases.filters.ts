import type { Query } from '../../api/api-client';

/*
 * The filters of `GET /api/licences` as the page keeps them: in the URL, under the API's own
 * names, so that a link or a reload shows the same list and a refusal names the field shown.
 */

export const FILTER_NAMES = [
  'status',
  'destination',
  'goodsCategory',
  'controlListEntry',
  'kind',
  'onHold',
  'validOn',
  'asOf',
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Readonly<Record<FilterName, string>>;

export const FIND_PAGE_SIZE = 25;

export function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

/** The URL of a search: only the filters given, from its first page. */
export function searchParamsOf(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name].trim() !== '') params.set(name, filters[name].trim());
  return params;
}

export function findQuery(filters: Filters, page: number): Query {
  return { ...filters, page, pageSize: FIND_PAGE_SIZE };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A `datetime-local` input's value (a time on the official's clock, in the browser's time zone)
 * as the instant the API takes; what is no time is passed on for the API to refuse.
 */
export function instantOfLocal(local: string): string {
  if (local.trim() === '') return '';
  const parsed = new Date(local);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) && !Number.isNaN(parsed.getTime())
    ? parsed.toISOString()
    : local;
}

/** An instant from the URL as a `datetime-local` value on the official's clock. */
export function localOfInstant(instant: string): string {
  const parsed = new Date(instant);
  if (instant === '' || Number.isNaN(parsed.getTime())) return instant;
  const date = `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  return `${date}T${pad(parsed.getHours())}:${pad(parsed.getMinutes())}:${pad(parsed.getSeconds())}`;
}
