import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import type { Report } from './report.types';

/*
 * One CSV document per report (RFC 4180, CRLF line ends). A report with several tables has one
 * section per table: a `# <name>` line, the header row and the data rows; sections are separated by
 * a blank line. A null cell is empty.
 */

function field(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderReportCsv(report: Report): string {
  return reportTables(report)
    .map((table) =>
      [
        `# ${table.name}`,
        table.header.map(field).join(','),
        ...table.rows.map((row) => row.map(field).join(',')),
      ]
        .map((line) => `${line}\r\n`)
        .join(''),
    )
    .join('\r\n');
}
