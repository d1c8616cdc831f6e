import type { StatisticsFact } from '@licences/licensing-read-models';
import { buildEuAnnualReport } from './eu-annual.report';
import { buildIssuedReport } from './issued.report';
import { parseReportPeriod } from './report-period';
import { formatReport } from './report-format';
import { denied, goods, issued } from './testing/statistics-facts.fixture';
import { buildYearlyOverviewReport } from './yearly-overview.report';

/*
 * Each licence lands in the table its kind and export type belong in; every number below is
 * worked out by hand in the comments.
 */

const YEAR_2024 = parseReportPeriod({ year: '2024' });
const en = { position: 7, policyVersion: 'nl-validity@2024-11-25', lang: 'en' } as const;
const nl = { ...en, lang: 'nl' } as const;

const FACTS: StatisticsFact[] = [
  // X: individual, definitive, DE, ML5 EUR 100,000.00: the export table.
  issued('X', '2024-02-01', '2024-01-20', { goods: [goods('ML5.a', 100_000_00)] }),
  // G: global, definitive, DE and NO, ML1 EUR 300,000.00: the export table, under DE and under NO.
  issued('G', '2024-03-01', '2024-02-20', {
    licenceKind: 'global',
    destinations: ['DE', 'NO'],
    endUsers: ['Bundeswehr', 'Forsvaret'],
    goods: [goods('ML1.a', 300_000_00)],
  }),
  // T: transit to NO, ML10 EUR 50,000.00, and a denied transit to NO (ML10, criterion 7).
  issued('T', '2024-04-01', '2024-03-20', {
    licenceKind: 'transit',
    destinations: ['NO'],
    goods: [goods('ML10.a', 50_000_00)],
  }),
  denied('TD', '2024-04-02', '2024-03-21', [7], {
    licenceKind: 'transit',
    destinations: ['NO'],
    goods: [goods('ML10.b', 1_00)],
  }),
  // B: brokering to FR, ML4 EUR 20,000.00.
  issued('B', '2024-05-01', '2024-04-20', {
    licenceKind: 'brokering',
    destinations: ['FR'],
    goods: [goods('ML4.a', 20_000_00)],
  }),
  // P: individual, temporary (a trade fair) to BE, ML5 EUR 10,000.00.
  issued('P', '2024-05-15', '2024-05-01', {
    exportType: 'temporary',
    temporaryPurpose: 'exhibition-or-demonstration',
    destinations: ['BE'],
    goods: [goods('ML5.b', 10_000_00)],
  }),
  // D: dual-use to DE, 5A002 EUR 1,234.56, and a dual-use denial to CN citing 1 and 7 (7 twice).
  issued('D', '2024-05-20', '2024-05-02', { goodsCategory: 'dual-use', goods: [goods('5A002.a', 1_234_56)] }),
  denied('DD', '2024-05-21', '2024-05-03', [1, 7, 7], {
    goodsCategory: 'dual-use',
    destinations: ['CN'],
    goods: [goods('5A002.b', 500_00, 'Encryption units')],
  }),
];

const rowsOf = (table: {
  rows: readonly {
    destination: string;
    category: string;
    licencesIssued: number;
    valueIssuedEur: number;
    denials: number;
  }[];
}) => table.rows.map((r) => [r.destination, r.category, r.licencesIssued, r.valueIssuedEur, r.denials]);

describe('EU annual report: definitive exports apart from transit, brokering and temporary exports', () => {
  const report = buildEuAnnualReport(FACTS, 2024, YEAR_2024, en);

  it('counts definitive exports under individual and global licences only in the export table', () => {
    expect(rowsOf(report)).toEqual([
      ['DE', 'ML1', 1, 300_000, 0], // G
      ['DE', 'ML5', 1, 100_000, 0], // X
      ['NO', 'ML1', 1, 300_000, 0], // G again, with its whole value
    ]);
  });

  it('counts a global licence under each destination, and once in the overall total', () => {
    expect(
      report.totals.perDestination.map((t) => [t.destination, t.licencesIssued, t.valueIssuedEur]),
    ).toEqual([
      ['DE', 2, 400_000], // X + G
      ['NO', 1, 300_000], // G
    ]);
    // X and G once each: 100,000 + 300,000, not the 700,000 the destinations add up to.
    expect(report.totals.overall).toMatchObject({ licencesIssued: 2, valueIssuedEur: 400_000, denials: 0 });
  });

  it('gives transit, brokering and temporary exports tables of their own, denials included', () => {
    expect(rowsOf(report.transit)).toEqual([['NO', 'ML10', 1, 50_000, 1]]);
    expect(report.transit.totals.overall.criteriaCited['7']).toBe(1);
    expect(rowsOf(report.brokering)).toEqual([['FR', 'ML4', 1, 20_000, 0]]);
    expect(rowsOf(report.temporaryExports)).toEqual([['BE', 'ML5', 1, 10_000, 0]]);
  });

  it('says in its notes what each table counts and how the totals add up', () => {
    expect(report.notes.join(' ')).toMatch(/definitive exports under individual and global licences only/);
    expect(report.notes.join(' ')).toMatch(
      /whole value.*cannot be split.*counts each licence and its value once/,
    );
  });

  it('names every destination in Dutch and English beside its code', () => {
    expect(report.countries).toEqual({
      BE: { nl: 'België', en: 'Belgium' },
      DE: { nl: 'Duitsland', en: 'Germany' },
      FR: { nl: 'Frankrijk', en: 'France' },
      NO: { nl: 'Noorwegen', en: 'Norway' },
    });
    expect(formatReport(report, 'csv').body).toContain('NO,Noorwegen,Norway,ML1,1,300000,0,');
  });
});

describe('yearly overview: military and dual-use apart', () => {
  const report = buildYearlyOverviewReport(FACTS, 2024, YEAR_2024, en);

  it('gives each row its goods category, military first', () => {
    expect(
      report.valueByDestination.map((r) => [r.goodsCategory, r.destination, r.licences, r.valueEur]),
    ).toEqual([
      ['military', 'BE', 1, 10_000],
      ['military', 'DE', 2, 400_000], // X + G
      ['military', 'FR', 1, 20_000],
      ['military', 'NO', 2, 350_000], // G + T
      ['dual-use', 'DE', 1, 1_234.56],
    ]);
    expect(report.valueByCategory.map((r) => [r.goodsCategory, r.category])).toEqual([
      ['military', 'ML1'],
      ['military', 'ML4'],
      ['military', 'ML5'],
      ['military', 'ML10'],
      ['dual-use', '5A'],
    ]);
    expect(report.licencesPerMonth.find((m) => m.month === '2024-05')).toEqual({
      month: '2024-05',
      licences: 3,
      military: 2,
      dualUse: 1,
    });
  });

  it('splits the denials and their criteria by goods category', () => {
    expect(
      report.denialsByGoodsCategory.map((r) => [
        r.goodsCategory,
        r.denials,
        r.criteriaCited['1'],
        r.criteriaCited['7'],
      ]),
    ).toEqual([
      ['military', 1, 0, 1],
      ['dual-use', 1, 1, 1],
    ]);
    expect(report.denials).toBe(2);
  });
});

describe('monthly publication', () => {
  const report = buildIssuedReport(FACTS, parseReportPeriod({ month: '2024-05' }), en);

  it('lists the denials of the month with the criteria they cited, beside the licences issued', () => {
    expect(report.military.map((l) => [l.caseId, l.licenceKind, l.exportType])).toEqual([
      ['B', 'brokering', 'definitive'],
      ['P', 'individual', 'temporary'],
    ]);
    expect(report.denials).toEqual([
      {
        caseId: 'DD',
        deniedOn: '2024-05-21',
        licenceKind: 'individual',
        goodsCategory: 'dual-use',
        destinations: ['CN'],
        goodsDescription: 'Encryption units',
        controlListEntry: '5A002.b',
        valueEur: 500,
        criteria: [1, 7],
      },
    ]);
    expect(formatReport(report, 'csv').body).toContain('# denials\r\n');
    expect(formatReport(report, 'html').body).toContain('Applications denied in the period');
  });
});

describe('reports in Dutch', () => {
  const eu = buildEuAnnualReport(FACTS, 2024, YEAR_2024, nl);
  const monthly = buildIssuedReport(FACTS, parseReportPeriod({ month: '2024-05' }), nl);

  it('writes Markdown for a Dutch reader: Dutch words, names, 1.234,56 and dd-mm-jjjj', () => {
    const md = formatReport(eu, 'md').body;
    expect(md).toContain('# EU-jaarrapport');
    expect(md).toContain('| bestemming | naam (nl) | naam (en) | categorie |');
    expect(md).toContain('| NO | Noorwegen | Norway | ML1 | 1 | 300.000,00 | 0 |');
    expect(md).toContain('niet vastgelegd');
    expect(md).toMatch(
      /globale vergunning voor meer bestemmingen telt als één vergunning onder elke bestemming/,
    );
    const monthlyMd = formatReport(monthly, 'md').body;
    expect(monthlyMd).toContain(
      '| DD | 21-05-2024 | individueel | dual-use | CN | China | China | Encryption units | 5A002.b | 500,00 | 1 7 |',
    );
  });

  it('keeps machine values in CSV under Dutch headers', () => {
    const csv = formatReport(monthly, 'csv').body;
    expect(csv).toContain('# afwijzingen\r\n');
    expect(csv).toContain(
      'DD,2024-05-21,individual,dual-use,CN,China,China,Encryption units,5A002.b,500,1 7\r\n',
    );
  });

  it('keeps English keys and ISO values in JSON, recording the language', () => {
    const json = JSON.parse(formatReport(eu, 'json').body) as Record<string, unknown>;
    expect(json).toMatchObject({
      lang: 'nl',
      year: 2024,
      countries: { DE: { nl: 'Duitsland', en: 'Germany' } },
    });
    expect((json['rows'] as Record<string, unknown>[])[0]).toMatchObject({
      destination: 'DE',
      valueIssuedEur: 300_000,
    });
  });

  it('writes the HTML page in Dutch with Dutch amounts and dates', () => {
    const html = formatReport(monthly, 'html').body;
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<h1>Afgegeven en afgewezen exportvergunningen, 2024-05</h1>');
    expect(html).toContain('Periode 2024-05: 01-05-2024 tot en met 31-05-2024');
    expect(html).toContain('<td class="num">€ 20.000,00</td>');
    expect(html).toContain('<td class="date">21-05-2024</td>');
    const overview = formatReport(buildYearlyOverviewReport(FACTS, 2024, YEAR_2024, nl), 'html').body;
    expect(overview).toContain('<h1>Het Nederlandse exportcontrolebeleid in 2024</h1>');
    expect(overview).toContain('Afwijzingen, militair en dual-use apart');
  });
});
