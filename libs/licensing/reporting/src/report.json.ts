import type { Report } from './report.types';

/** Keys sorted at every level, so the bytes depend only on the content, never on build order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sorted(record[key])]),
    );
  }
  return value;
}

export function renderReportJson(report: Report): string {
  return `${JSON.stringify(sorted(report), null, 2)}\n`;
}
