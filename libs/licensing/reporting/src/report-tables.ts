import { CRITERIA } from '@licences/licensing-domain';
import type { CriteriaCount, Report } from './report.types';

/*
 * Every report as named tables, the common ground of the CSV and Markdown formats. The first table
 * is always `report`: what the report is and what it was built from.
 */

export type Cell = string | number | null;

export interface ReportTable {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const CRITERIA_HEADER = CRITERIA.map((c) => `criterion${c}`);
const criteriaCells = (counts: CriteriaCount): number[] =>
  CRITERIA.map((c) => counts[String(c) as keyof CriteriaCount]);

function about(report: Report, period: string): ReportTable {
  return {
    name: 'report',
    header: ['report', 'period', 'position', 'policyVersion'],
    rows: [[report.report, period, report.position, report.policyVersion]],
  };
}

export function reportTables(report: Report): ReportTable[] {
  switch (report.report) {
    case 'eu-annual':
      return [
        about(report, String(report.year)),
        {
          name: 'rows',
          header: [
            'destination',
            'category',
            'licencesIssued',
            'valueIssuedEur',
            'denials',
            ...CRITERIA_HEADER,
            'actualExportsEur',
          ],
          // Actual exports are not recorded here: the cell says so instead of showing 0.
          rows: report.rows.map((r) => [
            r.destination,
            r.category,
            r.licencesIssued,
            r.valueIssuedEur,
            r.denials,
            ...criteriaCells(r.criteriaCited),
            'not recorded',
          ]),
        },
        {
          name: 'totals',
          header: ['destination', 'licencesIssued', 'valueIssuedEur', 'denials', ...CRITERIA_HEADER],
          rows: [...report.totals.perDestination, report.totals.overall].map((t) => [
            t.destination,
            t.licencesIssued,
            t.valueIssuedEur,
            t.denials,
            ...criteriaCells(t.criteriaCited),
          ]),
        },
        { name: 'notes', header: ['note'], rows: report.notes.map((note) => [note]) },
      ];
    case 'issued': {
      const header = [
        'caseId',
        'issuedOn',
        'destination',
        'goodsDescription',
        'controlListEntry',
        'valueEur',
        'validUntil',
      ];
      const lines = (list: typeof report.military) =>
        list.map((l) => [
          l.caseId,
          l.issuedOn,
          l.destination,
          l.goodsDescription,
          l.controlListEntry,
          l.valueEur,
          l.validUntil,
        ]);
      return [
        about(report, report.period.label),
        { name: 'military', header, rows: lines(report.military) },
        { name: 'dual-use', header, rows: lines(report.dualUse) },
      ];
    }
    case 'large-licences':
      return [
        about(report, report.period.label),
        {
          name: 'licences',
          header: [
            'caseId',
            'issuedOn',
            'destination',
            'endUser',
            'goodsCategory',
            'totalValueEur',
            'validUntil',
          ],
          rows: report.licences.map((l) => [
            l.caseId,
            l.issuedOn,
            l.destination,
            l.endUser,
            l.goodsCategory,
            l.totalValueEur,
            l.validUntil,
          ]),
        },
      ];
    case 'yearly-overview':
      return [
        about(report, String(report.year)),
        {
          name: 'value-by-category',
          header: ['category', 'valueEur', 'licences'],
          rows: report.valueByCategory.map((r) => [r.category, r.valueEur, r.licences]),
        },
        {
          name: 'value-by-destination',
          header: ['destination', 'valueEur', 'licences'],
          rows: report.valueByDestination.map((r) => [r.destination, r.valueEur, r.licences]),
        },
        {
          name: 'licences-per-month',
          header: ['month', 'licences'],
          rows: report.licencesPerMonth.map((r) => [r.month, r.licences]),
        },
        {
          name: 'denials',
          header: ['denials', ...CRITERIA_HEADER],
          rows: [[report.denials, ...criteriaCells(report.denialsByCriterion)]],
        },
        {
          name: 'revocations',
          header: ['caseId', 'revokedOn', 'destination', 'circumstances', 'criteria'],
          rows: report.revocations.map((r) => [
            r.caseId,
            r.revokedOn,
            r.destination,
            r.circumstances,
            r.criteria.join(' '),
          ]),
        },
        {
          name: 'validity-mix',
          header: ['months', 'licences'],
          rows: report.validityMix.map((r) => [r.months, r.licences]),
        },
        {
          name: 'validity-deviations',
          header: ['ruleMonths', 'actualMonths', 'licences'],
          rows: (report.validityDeviations ?? []).map((r) => [r.ruleMonths, r.actualMonths, r.licences]),
        },
        {
          name: 'activity',
          header: ['extensions', 'sondagesRequested', 'sondagesPositive', 'sondagesNegative'],
          rows: [
            [
              report.extensions,
              report.sondages.requested,
              report.sondages.positive,
              report.sondages.negative,
            ],
          ],
        },
        {
          name: 'decision-days',
          header: ['decisions', 'median', 'p90', 'max'],
          rows: [
            [
              report.decisionDays.decisions,
              report.decisionDays.median,
              report.decisionDays.p90,
              report.decisionDays.max,
            ],
          ],
        },
      ];
    default: {
      const unexpected: never = report;
      throw new Error(`Unknown report ${JSON.stringify(unexpected)}`);
    }
  }
}
