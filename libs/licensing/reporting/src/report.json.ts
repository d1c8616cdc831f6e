import type { Report } from './report.types';

const INDENT = '  ';
const MAX_ARRAY_INDEX = 4294967294;

/** Keys JavaScript enumerates before all others, in numeric order, whatever the insertion order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

/**
 * The order of an object's keys in the output: sorted, except that array-index keys ("7", "2025")
 * come first in numeric order, as they do in any object built from sorted entries.
 */
function keyOrder(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((key) => !isArrayIndex(key))];
}

/** A value JSON leaves out of an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * `value` as `JSON.stringify(value, null, 2)` writes it after its keys were sorted at every level,
 * written in one pass: reports hold tens of thousands of rows, and copying every object into a
 * sorted one before stringifying it took most of the time of a large report.
 */
function write(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') {
    return isOmitted(value) ? 'null' : JSON.stringify(value);
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += `${i === 0 ? '\n' : ',\n'}${inner}${write(value[i] as unknown, inner)}`;
    }
    return `${out}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of keyOrder(record)) {
    const item = record[key];
    if (isOmitted(item)) continue;
    out += `${out === '' ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: ${write(item, inner)}`;
  }
  return out === '' ? '{}' : `${out}\n${indent}}`;
}

/** Keys sorted at every level, so the bytes depend only on the content, never on build order. */
export function renderReportJson(report: Report): string {
  return `${write(report, '')}\n`;
}
