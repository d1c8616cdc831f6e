import {
  isCalendarDateInRange,
  isInstantInRange,
  isLocalDate,
  MAX_YEAR,
  MIN_YEAR,
  textDefect,
} from '@licences/licensing-domain';
import type { LocalDate } from '@licences/licensing-domain';
import { ImportRefusal } from './import.types';

/*
 * Shape checks for import lines, by hand rather than with DTO classes: the application layer
 * cannot use the API's DTOs, and an import reads far more lines than the API reads bodies.
 * They check types, formats and sizes like the HTTP DTOs do and name the bad field; the
 * business rules (non-empty texts, criteria 1..8, countries, control-list entries) are left
 * to the domain, which checks them for every entry point.
 */

export type Shape = Record<string, unknown>;

export const TEXT_MAX = 20_000;
export const NAME_MAX = 300;

function invalid(field: string, message: string): ImportRefusal {
  return new ImportRefusal('INVALID_LINE', `${field} ${message}`, field);
}

/** A plain object holding only the allowed keys (and all the required ones). */
export function object(
  value: unknown,
  field: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Shape {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field || 'the line', 'must be a JSON object');
  }
  // The line itself is the root: its fields are named without a prefix (`caseId`, `data.kind`).
  const path = (key: string) => (field ? `${field}.${key}` : key);
  const shape = value as Shape;
  for (const key of Object.keys(shape)) {
    if (!required.includes(key) && !optional.includes(key)) throw invalid(path(key), 'is not allowed');
  }
  for (const key of required) {
    if (shape[key] === undefined) throw invalid(path(key), 'is required');
  }
  return shape;
}

/**
 * Free text under the same rule as the API's: no control characters (tab and line breaks only in
 * long texts), bidirectional overrides, lone surrogates or blank values, so that history cannot
 * record what a live request may not.
 */
export function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const defect = textDefect(value, { maxLength: max, multiline: max === TEXT_MAX });
  if (defect !== undefined) throw invalid(field, defect);
  return value;
}

export function matching(value: unknown, field: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(field, `must be ${what}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${options.join(', ')}`);
  }
  return value as T;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** An amount in euros: at most two decimals, as the API accepts. */
export function euros(value: unknown, field: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 1e12 ||
    Math.abs(Math.round(value * 100) - value * 100) > 1e-6
  ) {
    throw invalid(field, 'must be an amount from 0 to 1e12 with at most two decimals');
  }
  return value;
}

export function list<T>(
  value: unknown,
  field: string,
  max: number,
  item: (value: unknown, field: string) => T,
): T[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be an array');
  if (value.length > max) throw invalid(field, `must hold at most ${max} items`);
  return value.map((v: unknown, i) => item(v, `${field}.${i}`));
}

export function calendarDate(value: unknown, field: string): LocalDate {
  if (!isLocalDate(value) || !isCalendarDateInRange(value)) {
    throw invalid(field, `must be a calendar date YYYY-MM-DD from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  return value;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone, returned normalised to UTC (`toISOString`). */
export function instant(value: unknown, field: string): string {
  // isInstantInRange: Date.parse alone reads 2019-02-30T10:00:00Z as 2 March.
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !isInstantInRange(value)) {
    throw invalid(field, 'must be an ISO 8601 instant with a zone, e.g. 2019-05-01T10:00:00Z');
  }
  return new Date(value).toISOString();
}

/** JSON with object keys sorted at every level, so equal content always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Shape)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
