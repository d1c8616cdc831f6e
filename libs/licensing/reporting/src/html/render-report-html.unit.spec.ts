import { createHash } from 'node:crypto';
import type { LocalDate } from '@licences/licensing-domain';
import type {
  CriteriaCount,
  EuAnnualReport,
  IssuedReport,
  LargeLicencesReport,
  Report,
  YearlyOverviewReport,
} from '../report.types';
import { formatEur, REPORT_CONTENT_SECURITY_POLICY } from './html-document';
import { ACTUAL_EXPORTS_NOT_RECORDED, renderReportHtml } from './render-report-html';

const d = (value: string): LocalDate => value as LocalDate;
const HOSTILE = '<img src=x onerror=alert(1)>';

const criteria = (over: Partial<Record<keyof CriteriaCount, number>> = {}): CriteriaCount => ({
  '1': 0,
  '2': 0,
  '3': 0,
  '4': 0,
  '5': 0,
  '6': 0,
  '7': 0,
  '8': 0,
  ...over,
});

const yearly: YearlyOverviewReport = {
  report: 'yearly-overview',
  year: 2024,
  position: 4711,
  policyVersion: 'validity-2024-01',
  lang: 'en',
  countries: { BE: { nl: 'België', en: 'Belgium' }, CI: { nl: 'Ivoorkust', en: 'Côte d’Ivoire' } },
  valueByCategory: [{ goodsCategory: 'military', category: 'ML1', valueEur: 1250000, licences: 2 }],
  valueByDestination: [
    { goodsCategory: 'military', destination: 'BE', valueEur: 1250000, licences: 2 },
    { goodsCategory: 'dual-use', destination: 'CI', valueEur: 99.5, licences: 1 },
  ],
  licencesPerMonth: [
    { month: '2024-01', licences: 2, military: 2, dualUse: 0 },
    { month: '2024-02', licences: 1, military: 0, dualUse: 1 },
  ],
  denialsByCriterion: criteria({ '2': 3, '7': 1 }),
  denials: 3,
  denialsByGoodsCategory: [
    { goodsCategory: 'military', denials: 2, criteriaCited: criteria({ '2': 2, '7': 1 }) },
    { goodsCategory: 'dual-use', denials: 1, criteriaCited: criteria({ '2': 1 }) },
  ],
  revocations: [
    {
      caseId: 'LIC-2024-0003',
      revokedOn: d('2024-06-01'),
      goodsCategory: 'military',
      destinations: ['BE'],
      circumstances: 'Diversion <risk> & "more"',
      criteria: [7],
    },
  ],
  validityMix: [
    { months: 12, licences: 1 },
    { months: 36, licences: 2 },
  ],
  extensions: 1,
  sondages: { requested: 2, positive: 1, negative: 1 },
  decisionDays: { decisions: 6, median: 21, p90: 40, max: null },
};

const noLicences = {
  rows: [],
  totals: {
    perDestination: [],
    overall: {
      destination: 'all',
      licencesIssued: 0,
      valueIssuedEur: 0,
      denials: 0,
      criteriaCited: criteria(),
    },
  },
};

const euAnnual: EuAnnualReport = {
  report: 'eu-annual',
  year: 2024,
  position: 4711,
  policyVersion: 'validity-2024-01',
  lang: 'en',
  countries: { BE: { nl: 'België', en: 'Belgium' } },
  temporaryExports: noLicences,
  transit: noLicences,
  brokering: noLicences,
  rows: [
    {
      destination: 'BE',
      category: 'ML1',
      licencesIssued: 2,
      valueIssuedEur: 1250000,
      denials: 1,
      criteriaCited: criteria({ '7': 1 }),
      actualExportsEur: null,
    },
  ],
  totals: {
    perDestination: [
      {
        destination: 'BE',
        licencesIssued: 2,
        valueIssuedEur: 1250000,
        denials: 1,
        criteriaCited: criteria({ '7': 1 }),
      },
    ],
    overall: {
      destination: 'all',
      licencesIssued: 2,
      valueIssuedEur: 1250000,
      denials: 1,
      criteriaCited: criteria({ '7': 1 }),
    },
  },
  notes: ['Figures are <provisional>.'],
};

const issued: IssuedReport = {
  report: 'issued',
  position: 12,
  policyVersion: 'validity-2024-01',
  period: { from: d('2024-05-01'), to: d('2024-05-31'), label: '2024-05' },
  lang: 'en',
  countries: { NO: { nl: 'Noorwegen', en: 'Norway' } },
  denials: [],
  military: [
    {
      caseId: 'LIC-1',
      issuedOn: d('2024-05-02'),
      licenceKind: 'individual',
      exportType: 'definitive',
      destinations: ['NO'],
      goodsDescription: 'Night <vision> goggles',
      controlListEntry: 'ML15',
      valueEur: 0.1,
      validUntil: d('2025-05-02'),
    },
  ],
  dualUse: [
    {
      caseId: 'LIC-2',
      issuedOn: d('2024-05-03'),
      licenceKind: 'individual',
      exportType: 'definitive',
      destinations: ['NO'],
      goodsDescription: 'Machine tools',
      controlListEntry: '2B001',
      valueEur: 0.2,
      validUntil: d('2027-05-03'),
    },
  ],
};

const large: LargeLicencesReport = {
  report: 'large-licences',
  position: 99,
  policyVersion: 'validity-2024-01',
  period: { from: d('2024-01-01'), to: d('2024-12-31'), label: '2024' },
  lang: 'en',
  countries: { BE: { nl: 'België', en: 'Belgium' } },
  thresholdEur: 2000000,
  licences: [
    {
      caseId: 'LIC-9',
      issuedOn: d('2024-03-01'),
      licenceKind: 'global',
      destinations: ['BE'],
      endUsers: [HOSTILE],
      goodsCategory: 'military',
      totalValueEur: 2500000.25,
      validUntil: d('2025-03-01'),
    },
  ],
};

const ALL: readonly [string, Report, number][] = [
  ['yearly-overview', yearly, 4],
  ['eu-annual', euAnnual, 2],
  ['issued', issued, 1],
  ['large-licences', large, 1],
];

const occurrences = (haystack: string, needle: string | RegExp): number => haystack.split(needle).length - 1;

describe('renderReportHtml', () => {
  it.each(ALL)(
    'renders %s as a complete document with one SVG per chart and no script',
    (_, report, charts) => {
      const html = renderReportHtml(report);
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      expect(occurrences(html, '<title>')).toBe(1);
      expect(html).toContain('@media print');
      expect(occurrences(html, /<figure [^>]*data-chart="/)).toBe(charts);
      expect(occurrences(html, '<svg ')).toBe(charts);
      expect(occurrences(html, '</svg>')).toBe(charts);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(html).toContain(`<dd>${report.policyVersion}</dd>`);
    },
  );

  it.each(ALL)('renders %s the same way twice', (_, report) => {
    expect(renderReportHtml(report)).toBe(renderReportHtml(report));
  });

  it('escapes a hostile end-user name', () => {
    const html = renderReportHtml(large);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img/i);
  });

  it('escapes every other free text', () => {
    expect(renderReportHtml(yearly)).toContain('Diversion &lt;risk&gt; &amp; &quot;more&quot;');
    expect(renderReportHtml(issued)).toContain('Night &lt;vision&gt; goggles');
    expect(renderReportHtml(euAnnual)).toContain('Figures are &lt;provisional&gt;.');
  });

  it('escapes hostile text in the charts as well as in the tables', () => {
    const hostileYear = {
      ...yearly,
      valueByDestination: [
        { goodsCategory: 'military' as const, destination: HOSTILE, valueEur: 5, licences: 1 },
      ],
    };
    const hostileLarge = {
      ...large,
      licences: large.licences.map((l) => ({ ...l, caseId: HOSTILE })),
    };
    for (const html of [renderReportHtml(hostileYear), renderReportHtml(hostileLarge)]) {
      expect(html).not.toMatch(/<img/i);
      expect(html).toMatch(/>&lt;img src=x onerror=alert\(1\)&gt;[^<]*<\/text>/);
    }
  });

  it.each(ALL)(
    'holds %s to a policy of its own stylesheet only: no style attribute, no other style',
    (_, report) => {
      const html = renderReportHtml(report);
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
      const policy = meta?.replace(/&#39;/g, "'");
      expect(policy).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; base-uri 'none'; form-action 'none'$/,
      );
      // The header says the same, and what only a header can say.
      expect(REPORT_CONTENT_SECURITY_POLICY).toBe(`${policy}; frame-ancestors 'none'`);
      expect(occurrences(html, /<style\b/)).toBe(1);
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      expect(policy).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/unsafe-/);
    },
  );

  it('states that actual exports are not recorded in the eu-annual report, never as zero', () => {
    const html = renderReportHtml(euAnnual);
    expect(html).toContain(ACTUAL_EXPORTS_NOT_RECORDED);
    expect(html).toContain('<td>not recorded</td>');
    expect(html).not.toContain('€ 0.00');
  });

  it('shows the title with the period and the provenance', () => {
    expect(renderReportHtml(yearly)).toContain('<h1>Yearly overview of export licences 2024</h1>');
    const html = renderReportHtml(issued);
    expect(html).toContain('Period 2024-05: 2024-05-01 to 2024-05-31');
    expect(html).toContain('<dd>12</dd>');
  });

  it('puts the same money in the chart labels as in the tables, with two decimals', () => {
    const html = renderReportHtml(yearly);
    expect(formatEur(1250000)).toBe('€ 1,250,000.00');
    expect(occurrences(html, '>€ 1,250,000.00</text>')).toBe(1);
    expect(html).toContain('<td class="num" data-chart-value>€ 1,250,000.00</td>');
    expect(html).toContain('>€ 99.50</text>');
    // Issued values are summed per destination in cents: 0.1 + 0.2 is 0.30 exactly.
    expect(renderReportHtml(issued)).toContain('>€ 0.30</text>');
  });

  it('names each destination with its code in full on the destination axis, never cut to an ellipsis', () => {
    const codes = ['DE', 'FR', 'NL', 'US'];
    const rows = codes.map((destination) => ({ ...euAnnual.rows[0]!, destination }));
    const perDestination = codes.map((destination) => ({ ...euAnnual.totals.overall, destination }));
    const countries = {
      DE: { nl: 'Duitsland', en: 'Germany' },
      FR: { nl: 'Frankrijk', en: 'France' },
      NL: { nl: 'Nederland', en: 'Netherlands' },
      US: { nl: 'Verenigde Staten', en: 'United States' },
    };
    const html = renderReportHtml({
      ...euAnnual,
      countries,
      rows,
      totals: { ...euAnnual.totals, perDestination },
    });
    for (const code of codes)
      expect(html).toContain(`>${countries[code as keyof typeof countries].en} (${code})</text>`);
    expect(html).not.toContain('...</text>');
    // The tables give both names beside the code.
    expect(html).toContain('<td>US</td><td>Verenigde Staten</td><td>United States</td>');
  });

  it('shows military and dual-use apart in the yearly overview', () => {
    const html = renderReportHtml(yearly);
    expect(html).toContain('<td>military</td><td>BE</td><td>België</td><td>Belgium</td>');
    expect(html).toContain('<td>dual-use</td><td>CI</td><td>Ivoorkust</td><td>Côte d’Ivoire</td>');
    expect(html).toContain('Denials, military and dual-use apart');
  });
});
