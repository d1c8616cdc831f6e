import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import type { Report } from './report.types';

const TITLES: Readonly<Record<Report['report'], string>> = {
  'eu-annual': 'EU annual report (Common Position art. 8)',
  issued: 'Issued licences',
  'large-licences': 'Licences above EUR 2 million',
  'yearly-overview': 'Yearly overview of export control',
};

/*
 * Text from the records (names, descriptions, circumstances) must read as text wherever the
 * Markdown is rendered: no HTML (`<img onerror=...>`), no links, emphasis or code spans, and
 * nothing that ends the table row. HTML's own characters become entities, Markdown's are
 * escaped with a backslash, line breaks become spaces.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

export function markdownText(value: string): string {
  return value
    .replace(LINE_BREAK, ' ')
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

function cell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : markdownText(value);
}

export function renderReportMarkdown(report: Report): string {
  const parts = [`# ${TITLES[report.report]}`];
  for (const table of reportTables(report)) {
    const lines = [
      `## ${markdownText(table.name)}`,
      '',
      `| ${table.header.map(cell).join(' | ')} |`,
      `| ${table.header.map(() => '---').join(' | ')} |`,
      ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ];
    if (table.rows.length === 0) lines.push('', '_None._');
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
