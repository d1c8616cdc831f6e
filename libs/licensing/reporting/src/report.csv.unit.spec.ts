import type { LocalDate } from '@licences/licensing-domain';
import { csvField, renderReportCsv } from './report.csv';
import type { LargeLicencesReport } from './report.types';

/** Splits CSV text into rows of fields per RFC 4180 (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const PROBES = ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1+1', '-2+3', '\t=1+1', '\r=1+1'];

function largeLicences(endUsers: readonly string[]): LargeLicencesReport {
  return {
    report: 'large-licences',
    period: { from: '2024-01-01' as LocalDate, to: '2024-12-31' as LocalDate, label: '2024' },
    position: 7,
    policyVersion: 'nl-validity@2024-11-25',
    lang: 'en',
    countries: { NO: { nl: 'Noorwegen', en: 'Norway' } },
    thresholdEur: 2_000_000,
    licences: endUsers.map((endUser, i) => ({
      caseId: `LIC-${i}`,
      issuedOn: '2024-03-10' as LocalDate,
      licenceKind: 'individual',
      destinations: ['NO'],
      endUsers: [endUser],
      goodsCategory: 'military',
      totalValueEur: -2_500_000.5 + i,
      validUntil: '2027-03-09' as LocalDate,
    })),
  };
}

describe('CSV cells', () => {
  it.each(PROBES)('neutralises the formula %j with a leading quote', (probe) => {
    const [field] = parseCsv(`${csvField(probe)}\r\n`)[0] ?? [];
    expect(field).toBe(`'${probe}`);
  });

  it('quotes a cell holding a separator, a quote or a line break, doubling its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('leaves plain text, numbers the report computes and empty cells as they are', () => {
    expect(csvField('Bundeswehr')).toBe('Bundeswehr');
    expect(csvField('2024-03-10')).toBe('2024-03-10');
    expect(csvField('a-b=c')).toBe('a-b=c');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
  });
});

describe('a CSV report carrying formulas in its data', () => {
  const rows = parseCsv(renderReportCsv(largeLicences(PROBES)));
  const header = rows.findIndex((r) => r[0] === 'caseId');
  const data = rows.slice(header + 1, header + 1 + PROBES.length);

  it('shows every formula as text, in its own column, row for row', () => {
    expect(data.map((r) => r[6])).toEqual(PROBES.map((p) => `'${p}`));
    expect(data.every((r) => r.length === rows[header]?.length)).toBe(true);
  });

  it('keeps computed amounts, negative ones included, as numbers', () => {
    expect(data.map((r) => r[8])).toEqual(PROBES.map((_, i) => String(-2_500_000.5 + i)));
  });
});
