import type { StatisticsFact } from '@licences/licensing-read-models';
import { buildEuAnnualReport } from './eu-annual.report';
import { buildIssuedReport } from './issued.report';
import { buildLargeLicencesReport } from './large-licences.report';
import { parseReportPeriod, ReportPeriodError } from './report-period';
import { formatReport } from './report-format';
import { buildYearlyOverviewReport } from './yearly-overview.report';
import { denied, fact, goods, issued } from './testing/statistics-facts.fixture';

/*
 * A hand-checked history. Every expected number below is worked out by hand in the comments.
 */

const FACTS: StatisticsFact[] = [
  // A: DE, one licence with ML5 (EUR 1,000,000.10) and ML10 (EUR 250,000.25) goods, issued 2024-03-10, applied 2024-03-01 (9 days).
  fact('applied', 'A', '2024-03-01'),
  issued('A', '2024-03-10', '2024-03-01', {
    goods: [goods('ML5.a', 1_000_000_10, 'Radar'), goods('ML10.b', 250_000_25, 'Parts')],
  }),
  // B: DE, ML5 EUR 0.10 + ML5 EUR 0.20 (two items in one category: one licence, EUR 0.30 - no float drift), 12-month rule, 2024-06-15, applied 2024-06-01 (14 days).
  issued('B', '2024-06-15', '2024-06-01', {
    goods: [goods('ML5.b', 10), goods('ML5.c', 20)],
    ruleMonths: 12,
    validityMonths: 12,
  }),
  // C: FR denial citing 1 and 7, ML10, 2024-04-01, applied 2024-03-02 (30 days).
  denied('C', '2024-04-01', '2024-03-02', [1, 7], {
    destinations: ['FR'],
    goods: [goods('ML10.a', 5_000_00)],
  }),
  // D: FR denial citing 7, ML10, 2024-05-01, applied 2024-04-01 (30 days).
  denied('D', '2024-05-01', '2024-04-01', [7], { destinations: ['FR'], goods: [goods('ML10.a', 7_000_00)] }),
  // E: imported history: issued 2019 (business year 2019), recorded now: not in 2024.
  issued('E', '2019-05-20', '2019-05-01', { destinations: ['BE'] }),
  // F: issued 2024-12-31 to US, EUR 2,500,000 (large), revoked 2025-02-01 for criteria 3 and 2.
  issued('F', '2024-12-31', '2024-12-01', {
    destinations: ['US'],
    endUsers: ['US Army'],
    goods: [goods('ML4.a', 2_500_000_00)],
  }),
  fact('revoked', 'F', '2025-02-01', {
    destinations: ['US'],
    criteria: [3, 2],
    circumstances: 'Armed conflict',
  }),
  // G: dual-use issued 2024-03-20 to CN: not in the EU (military) report; in `issued` under dual-use.
  issued('G', '2024-03-20', '2024-03-19', {
    destinations: ['CN'],
    goodsCategory: 'dual-use',
    goods: [goods('5A002.a', 1_234_56)],
  }),
  // Sondages and an extension in 2024.
  fact('sondage-requested', 'H', '2024-02-01'),
  fact('sondage-answered', 'H', '2024-02-10', { outcome: 'negative', criteria: [4] }),
  fact('extended', 'A', '2024-11-01'),
];

const YEAR_2024 = parseReportPeriod({ year: '2024' });
const context = { position: 99, policyVersion: 'nl-validity@2024-11-25', lang: 'en' } as const;

describe('EU annual report on a hand-checked history', () => {
  const report = buildEuAnnualReport(FACTS, 2024, YEAR_2024, context);

  it('has one row per destination x ML category, the licence with two categories counting once in each', () => {
    const rows = report.rows.map((r) => [
      r.destination,
      r.category,
      r.licencesIssued,
      r.valueIssuedEur,
      r.denials,
    ]);
    expect(rows).toEqual([
      ['DE', 'ML5', 2, 1_000_000.4, 0], // A's ML5 1,000,000.10 + B's 0.10 + 0.20
      ['DE', 'ML10', 1, 250_000.25, 0], // A's ML10 goods
      ['FR', 'ML10', 0, 0, 2], // C and D
      ['US', 'ML4', 1, 2_500_000, 0], // F, issued in 2024 although revoked in 2025
    ]);
    expect(report.rows.every((r) => r.actualExportsEur === null)).toBe(true);
  });

  it('counts each criterion cited in denials', () => {
    const fr = report.rows.find((r) => r.destination === 'FR');
    expect(fr?.criteriaCited).toEqual({ '1': 1, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 2, '8': 0 });
  });

  it('totals per destination count a licence once, and overall', () => {
    expect(
      report.totals.perDestination.map((t) => [t.destination, t.licencesIssued, t.valueIssuedEur, t.denials]),
    ).toEqual([
      ['DE', 2, 1_250_000.65, 0], // A 1,250,000.35 + B 0.30
      ['FR', 0, 0, 2],
      ['US', 1, 2_500_000, 0],
    ]);
    expect(report.totals.overall).toMatchObject({
      destination: 'all',
      licencesIssued: 3,
      valueIssuedEur: 3_750_000.65,
      denials: 2,
    });
  });

  it('keeps the required JSON shape', () => {
    const json = JSON.parse(formatReport(report, 'json').body) as Record<string, unknown>;
    expect(json).toMatchObject({ year: 2024, position: 99, policyVersion: 'nl-validity@2024-11-25' });
    expect(Object.keys((json['rows'] as object[])[0] as object).sort()).toEqual([
      'actualExportsEur',
      'category',
      'criteriaCited',
      'denials',
      'destination',
      'licencesIssued',
      'valueIssuedEur',
    ]);
  });
});

describe('issued and large-licences reports', () => {
  it('lists each goods line of licences issued in the period, military and dual-use apart', () => {
    const report = buildIssuedReport(FACTS, parseReportPeriod({ quarter: '2024-Q1' }), context);
    expect(report.military.map((l) => [l.caseId, l.controlListEntry, l.valueEur])).toEqual([
      ['A', 'ML10.b', 250_000.25],
      ['A', 'ML5.a', 1_000_000.1],
    ]);
    expect(report.dualUse.map((l) => [l.caseId, l.destinations, l.valueEur])).toEqual([
      ['G', ['CN'], 1_234.56],
    ]);
  });

  it('lists licences strictly above EUR 2 million', () => {
    const report = buildLargeLicencesReport(FACTS, YEAR_2024, context);
    expect(report.licences.map((l) => [l.caseId, l.totalValueEur, l.endUsers])).toEqual([
      ['F', 2_500_000, ['US Army']],
    ]);
  });
});

describe('yearly overview', () => {
  const y2024 = buildYearlyOverviewReport(FACTS, 2024, YEAR_2024, context);
  const y2025 = buildYearlyOverviewReport(FACTS, 2025, parseReportPeriod({ year: '2025' }), context);

  it('reports the validity actually decided where it differs from the rule', () => {
    // An imported 36-month-rule licence that was given 24 months.
    const deviating = [issued('X', '2024-07-01', '2024-06-01', { validityMonths: 24 })];
    const report = buildYearlyOverviewReport(deviating, 2024, YEAR_2024, context);
    expect(report.validityMix).toEqual([{ months: 36, licences: 1 }]);
    expect(report.validityDeviations).toEqual([{ ruleMonths: 36, actualMonths: 24, licences: 1 }]);
  });

  it('counts 2024 decisions in 2024 and the 2025 revocation in 2025', () => {
    expect(y2024.revocations).toEqual([]);
    expect(y2025.revocations).toEqual([
      {
        caseId: 'F',
        revokedOn: '2025-02-01',
        goodsCategory: 'military',
        destinations: ['US'],
        circumstances: 'Armed conflict',
        criteria: [2, 3],
      },
    ]);
    expect(y2025.valueByDestination).toEqual([]);
  });

  it('sums values, denials, validity mix, sondages and decision times', () => {
    expect(y2024.valueByCategory.map((r) => [r.category, r.valueEur, r.licences])).toEqual([
      ['ML4', 2_500_000, 1],
      ['ML5', 1_000_000.4, 2],
      ['ML10', 250_000.25, 1],
      ['5A', 1_234.56, 1],
    ]);
    expect(y2024.denials).toBe(2);
    expect(y2024.denialsByCriterion).toEqual({
      '1': 1,
      '2': 0,
      '3': 0,
      '4': 0,
      '5': 0,
      '6': 0,
      '7': 2,
      '8': 0,
    });
    // A, F, G on 36-month rules; B on a 12-month rule.
    expect(y2024.validityMix).toEqual([
      { months: 12, licences: 1 },
      { months: 36, licences: 3 },
    ]);
    expect(y2024.validityDeviations).toEqual([]);
    expect(y2024.extensions).toBe(1);
    expect(y2024.sondages).toEqual({ requested: 1, positive: 0, negative: 1 });
    // Days: A 9, B 14, G 1, F 30, C 30, D 30 -> sorted 1, 9, 14, 30, 30, 30; median (rank 3) 14, p90 (rank 6) 30.
    expect(y2024.decisionDays).toEqual({ decisions: 6, median: 14, p90: 30, max: 30 });
  });
});

describe('formats and periods', () => {
  const report = buildEuAnnualReport(FACTS, 2024, YEAR_2024, context);

  it('writes CSV sections with RFC 4180 quoting, and says actual exports are not recorded', () => {
    const csv = formatReport(report, 'csv');
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(
      csv.body.startsWith(
        '# report\r\nreport,period,position,policyVersion\r\neu-annual,2024,99,nl-validity@2024-11-25\r\n\r\n# rows\r\n',
      ),
    ).toBe(true);
    expect(csv.body).toContain('DE,Duitsland,Germany,ML5,2,1000000.4,0,0,0,0,0,0,0,0,0,not recorded\r\n');
    expect(csv.body).toContain(
      '"A licence with goods in several categories counts once in each category, with the value of its goods there."',
    );
  });

  it('writes Markdown tables', () => {
    const md = formatReport(report, 'md');
    expect(md.contentType).toMatch(/^text\/markdown/);
    expect(md.body).toContain('| DE | Duitsland | Germany | ML10 | 1 | 250000.25 | 0 |');
  });

  it('parses and validates periods', () => {
    expect(parseReportPeriod({ month: '2024-02' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      label: '2024-02',
    });
    expect(parseReportPeriod({ quarter: '2024-Q4' })).toMatchObject({ from: '2024-10-01', to: '2024-12-31' });
    expect(parseReportPeriod({ from: '2024-01-05', to: '2024-01-06' }).label).toBe('2024-01-05..2024-01-06');
    for (const bad of [
      {},
      { year: '2024', month: '2024-01' },
      { month: '2024-13' },
      { from: '2024-01-01' },
      { from: '2024-02-01', to: '2024-01-01' },
    ]) {
      expect(() => parseReportPeriod(bad)).toThrow(ReportPeriodError);
    }
  });
});
