import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import type { Report } from './report.types';

const TITLES: Readonly<Record<Report['report'], string>> = {
  'eu-annual': 'EU annual report (Common Position art. 8)',
  issued: 'Issued licences',
  'large-licences': 'Licences above EUR 2 million',
  'yearly-overview': 'Yearly overview of export control',
};

function cell(value: Cell): string {
  // A pipe or line break would break the table row.
  return value === null ? '' : String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderReportMarkdown(report: Report): string {
  const parts = [`# ${TITLES[report.report]}`];
  for (const table of reportTables(report)) {
    const lines = [
      `## ${table.name}`,
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
