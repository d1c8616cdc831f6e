import { dutchDate, dutchNumber } from './report-language';
import { tableLabel } from './report-table.labels';
import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import type { Report, ReportLanguage } from './report.types';

const TITLES: Readonly<Record<ReportLanguage, Readonly<Record<Report['report'], string>>>> = {
  en: {
    'eu-annual': 'EU annual report (Common Position art. 8)',
    issued: 'Issued licences',
    'large-licences': 'Licences above EUR 2 million',
    'yearly-overview': 'Yearly overview of export control',
  },
  nl: {
    'eu-annual': 'EU-jaarrapport (Gemeenschappelijk Standpunt art. 8)',
    issued: 'Afgegeven en afgewezen vergunningen',
    'large-licences': 'Vergunningen boven EUR 2 miljoen',
    'yearly-overview': 'Het Nederlandse exportcontrolebeleid',
  },
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

/** English keeps plain numbers and ISO dates (as before); Dutch writes 1.234,56 and 28-11-2024. */
function cell(value: Cell, lang: ReportLanguage): string {
  if (value === null) return '';
  if (typeof value === 'number') return lang === 'nl' ? dutchNumber(value) : String(value);
  if (typeof value === 'string') return markdownText(value);
  if ('amount' in value) return lang === 'nl' ? dutchNumber(value.amount, 'amount') : String(value.amount);
  if ('date' in value) return lang === 'nl' ? dutchDate(value.date) : value.date;
  return markdownText(tableLabel(value.term, lang));
}

function title(report: Report): string {
  const base = TITLES[report.lang][report.report];
  return report.report === 'yearly-overview' && report.lang === 'nl' ? `${base} in ${report.year}` : base;
}

export function renderReportMarkdown(report: Report): string {
  const lang = report.lang;
  const parts = [`# ${markdownText(title(report))}`];
  for (const table of reportTables(report)) {
    const lines = [
      `## ${markdownText(table.name)}`,
      '',
      `| ${table.header.map((h) => cell(h, lang)).join(' | ')} |`,
      `| ${table.header.map(() => '---').join(' | ')} |`,
      ...table.rows.map((row) => `| ${row.map((c) => cell(c, lang)).join(' | ')} |`),
    ];
    if (table.rows.length === 0) lines.push('', lang === 'nl' ? '_Geen._' : '_None._');
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
