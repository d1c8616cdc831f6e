import { parseReportPeriod } from './report-period';
import { formatReport } from './report-format';
import { buildYearlyOverviewReport } from './yearly-overview.report';
import { d, fact, goods, issued } from './testing/statistics-facts.fixture';

/*
 * The yearly overview counts the steps beside a case's main path (issue 13): reassessments by
 * outcome, suspensions and reinstatements of licences, holds and releases of pending cases.
 */

const dualUse = { goodsCategory: 'dual-use', goods: [goods('5A002', 1_000_00)] } as const;

const FACTS = [
  issued('L1', '2024-03-01', '2024-02-01'),
  fact('reassessed', 'L1', '2025-01-10', { outcome: 'maintained' }),
  fact('reassessed', 'L1', '2025-06-10', { outcome: 'revocation-proposed' }),
  fact('reassessed', 'L2', '2025-02-10', { ...dualUse, outcome: 'maintained' }),
  fact('suspended', 'L1', '2025-03-01'),
  fact('reinstated', 'L1', '2025-04-01'),
  // Suspended in 2025, reinstated in 2026: each counts in the year of its own decision.
  fact('suspended', 'L2', '2025-12-01', dualUse),
  fact('reinstated', 'L2', '2026-01-05', dualUse),
  fact('held', 'P1', '2025-05-01', { appliedOn: d('2025-04-01') }),
  fact('held', 'P2', '2025-05-01', { ...dualUse, appliedOn: d('2025-04-02') }),
  fact('released', 'P1', '2025-07-01', { appliedOn: d('2025-04-01') }),
];

const context = { position: 11, policyVersion: 'nl-validity@2024-11-25', lang: 'en' } as const;
const overview = (year: number, lang: 'en' | 'nl' = 'en') =>
  buildYearlyOverviewReport(FACTS, year, parseReportPeriod({ year: String(year) }), { ...context, lang });

describe('yearly overview: reassessments, suspensions and holds', () => {
  it('counts each step in the year of its decision, military and dual-use apart', () => {
    expect(overview(2025).stepsAfterIssue).toEqual([
      {
        goodsCategory: 'military',
        reassessments: 2,
        maintained: 1,
        revocationProposed: 1,
        suspensions: 1,
        reinstatements: 1,
        holds: 1,
        releases: 1,
      },
      {
        goodsCategory: 'dual-use',
        reassessments: 1,
        maintained: 1,
        revocationProposed: 0,
        suspensions: 1,
        reinstatements: 0,
        holds: 1,
        releases: 0,
      },
    ]);
    expect(overview(2026).stepsAfterIssue?.map((r) => [r.goodsCategory, r.reinstatements])).toEqual([
      ['military', 0],
      ['dual-use', 1],
    ]);
  });

  it('leaves the licences issued, denials and decision times as they were', () => {
    const y2025 = overview(2025);
    expect(y2025.valueByCategory).toEqual([]);
    expect(y2025.denials).toBe(0);
    expect(y2025.revocations).toEqual([]);
    expect(y2025.decisionDays.decisions).toBe(0);
    expect(overview(2024).stepsAfterIssue?.every((r) => r.reassessments + r.holds === 0)).toBe(true);
  });

  it('shows the counts in CSV, Markdown and HTML, in English and in Dutch', () => {
    const csv = formatReport(overview(2025), 'csv').body;
    expect(csv).toContain(
      '# reassessments-suspensions-holds\r\ngoodsCategory,reassessments,maintained,revocationProposed,suspensions,reinstatements,holds,releases\r\n',
    );
    expect(csv).toContain('military,2,1,1,1,1,1,1\r\n');
    const md = formatReport(overview(2025, 'nl'), 'md').body;
    expect(md).toContain('herbeoordelingen-schorsingen-aanhoudingen');
    expect(md).toContain('| intrekking voorgesteld |');
    const htmlEn = formatReport(overview(2025), 'html').body;
    expect(htmlEn).toContain('Reassessments, suspensions and holds');
    expect(htmlEn).toContain('Revocation proposed');
    const htmlNl = formatReport(overview(2025, 'nl'), 'html').body;
    expect(htmlNl).toContain('Herbeoordelingen, schorsingen en aanhoudingen');
    expect(htmlNl).toContain('Aanhoudingen');
  });
});
