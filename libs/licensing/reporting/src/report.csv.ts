import type { Cell } from './report-tables';
import { reportTables } from './report-tables';
import { STREAM_CHUNK_CHARS } from './report.json';
import type { Report } from './report.types';

/*
 * One CSV document per report (RFC 4180, CRLF line ends). A report with several tables has one
 * section per table: a `# <name>` line, the header row and the data rows; sections are separated by
 * a blank line. A null cell is empty. A Dutch report has Dutch table names and headers; its values
 * are the same machine-readable ones as in English.
 */

/**
 * A text cell a spreadsheet would read as a formula (OWASP's CSV injection rule: it starts with
 * `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, so that it is shown as text.
 * Numbers the report computes are not text and stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field needing quotes: a separator, a quote, a line break, or a `#` a reader would take for a section line. */
const NEEDS_QUOTES = /[",\r\n#]/;

/** Dates stay ISO, amounts plain numbers and terms their codes, whatever the report's language. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') {
    if ('amount' in cell) return String(cell.amount);
    return csvField('date' in cell ? cell.date : cell.term);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderReportCsv(report: Report): string {
  return reportTables(report)
    .map((table) =>
      [
        `# ${table.name}`,
        table.header.map(csvField).join(','),
        ...table.rows.map((row) => row.map(csvField).join(',')),
      ]
        .map((line) => `${line}\r\n`)
        .join(''),
    )
    .join('\r\n');
}

/**
 * The same bytes as `renderReportCsv(head)` would be with the rows of some tables filled in,
 * written as `rowsOf(index)` yields them in batches (the tables of `head` by their place in
 * `reportTables`; a table `rowsOf` leaves undefined keeps the rows it has in `head`).
 */
export async function* streamReportCsv(
  head: Report,
  rowsOf: (table: number) => AsyncIterable<readonly (readonly Cell[])[]> | undefined,
): AsyncGenerator<string> {
  for (const [index, table] of reportTables(head).entries()) {
    let out = `${index === 0 ? '' : '\r\n'}# ${table.name}\r\n${table.header.map(csvField).join(',')}\r\n`;
    for await (const rows of rowsOf(index) ?? [table.rows]) {
      for (const row of rows) out += `${row.map(csvField).join(',')}\r\n`;
      if (out.length >= STREAM_CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
    yield out;
  }
}
