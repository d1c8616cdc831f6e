import { CRITERIA } from '@licences/licensing-domain';
import { tableLabel } from './report-table.labels';
import type { CriteriaCount, EuAnnualTable, Report, ReportLanguage } from './report.types';

/*
 * Every report as named tables, the common ground of the CSV and Markdown formats. The first table
 * is always `report`: what the report is and what it was built from. Dates, amounts and coded
 * terms are marked, so that each format can write them its way (CSV as machine values, Markdown
 * for a reader of the report's language).
 */

/** A calendar date (ISO). */
export interface DateCell {
  readonly date: string;
}
/** An amount of euros. */
export interface AmountCell {
  readonly amount: number;
}
/** A coded value (`transit`, `dual-use`): the code in CSV, a word in Markdown. */
export interface TermCell {
  readonly term: string;
}

export type Cell = string | number | null | DateCell | AmountCell | TermCell;

export interface ReportTable {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const date = (value: string): DateCell => ({ date: value });
const amount = (value: number): AmountCell => ({ amount: value });
const term = (value: string): TermCell => ({ term: value });

const CRITERIA_HEADER = CRITERIA.map((c) => `criterion${c}`);
const criteriaCells = (counts: CriteriaCount): number[] =>
  CRITERIA.map((c) => counts[String(c) as keyof CriteriaCount]);

/** Builds tables whose names and headers are in the report's language. */
class Tables {
  readonly list: ReportTable[] = [];

  constructor(private readonly report: Report) {}

  get lang(): ReportLanguage {
    return this.report.lang;
  }

  add(name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): this {
    this.list.push({
      name: tableLabel(name, this.lang),
      header: header.map((key) => tableLabel(key, this.lang)),
      rows,
    });
    return this;
  }

  /** The codes of one or more destinations, and their Dutch and English names. */
  place(codes: readonly string[]): Cell[] {
    const names = codes.map((code) => this.report.countries[code]);
    return [
      codes.join(' '),
      names.map((n, i) => n?.nl ?? codes[i]).join('; '),
      names.map((n, i) => n?.en ?? codes[i]).join('; '),
    ];
  }
}

const PLACE = ['destinationNameNl', 'destinationNameEn'] as const;

function about(tables: Tables, report: Report, period: string): void {
  tables.add(
    'report',
    ['report', 'period', 'position', 'policyVersion'],
    [[report.report, period, report.position, report.policyVersion]],
  );
}

function euTables(tables: Tables, prefix: string, table: EuAnnualTable): void {
  const notRecorded = tableLabel('not recorded', tables.lang);
  tables.add(
    `${prefix}rows`,
    [
      'destination',
      ...PLACE,
      'category',
      'licencesIssued',
      'valueIssuedEur',
      'denials',
      ...CRITERIA_HEADER,
      'actualExportsEur',
    ],
    // Actual exports are not recorded here: the cell says so instead of showing 0.
    table.rows.map((r) => [
      ...tables.place([r.destination]),
      r.category,
      r.licencesIssued,
      amount(r.valueIssuedEur),
      r.denials,
      ...criteriaCells(r.criteriaCited),
      notRecorded,
    ]),
  );
  tables.add(
    `${prefix}totals`,
    ['destination', ...PLACE, 'licencesIssued', 'valueIssuedEur', 'denials', ...CRITERIA_HEADER],
    [...table.totals.perDestination, table.totals.overall].map((t) => [
      ...(t === table.totals.overall
        ? [tableLabel('all', tables.lang), null, null]
        : tables.place([t.destination])),
      t.licencesIssued,
      amount(t.valueIssuedEur),
      t.denials,
      ...criteriaCells(t.criteriaCited),
    ]),
  );
}

export function reportTables(report: Report): ReportTable[] {
  const tables = new Tables(report);
  switch (report.report) {
    case 'eu-annual':
      about(tables, report, String(report.year));
      euTables(tables, '', report);
      euTables(tables, 'temporary-export-', report.temporaryExports);
      euTables(tables, 'transit-', report.transit);
      euTables(tables, 'brokering-', report.brokering);
      tables.add(
        'notes',
        ['note'],
        report.notes.map((note) => [note]),
      );
      return tables.list;
    case 'issued': {
      about(tables, report, report.period.label);
      const header = [
        'caseId',
        'issuedOn',
        'licenceKind',
        'exportType',
        'destinations',
        ...PLACE,
        'goodsDescription',
        'controlListEntry',
        'valueEur',
        'validUntil',
      ];
      const lines = (list: typeof report.military) =>
        list.map((l) => [
          l.caseId,
          date(l.issuedOn),
          term(l.licenceKind),
          term(l.exportType),
          ...tables.place(l.destinations),
          l.goodsDescription,
          l.controlListEntry,
          amount(l.valueEur),
          date(l.validUntil),
        ]);
      tables.add('military', header, lines(report.military));
      tables.add('dual-use', header, lines(report.dualUse));
      tables.add(
        'denials',
        [
          'caseId',
          'deniedOn',
          'licenceKind',
          'goodsCategory',
          'destinations',
          ...PLACE,
          'goodsDescription',
          'controlListEntry',
          'valueEur',
          'criteria',
        ],
        report.denials.map((l) => [
          l.caseId,
          date(l.deniedOn),
          term(l.licenceKind),
          term(l.goodsCategory),
          ...tables.place(l.destinations),
          l.goodsDescription,
          l.controlListEntry,
          amount(l.valueEur),
          l.criteria.join(' '),
        ]),
      );
      return tables.list;
    }
    case 'large-licences':
      about(tables, report, report.period.label);
      tables.add(
        'licences',
        [
          'caseId',
          'issuedOn',
          'licenceKind',
          'destinations',
          ...PLACE,
          'endUsers',
          'goodsCategory',
          'totalValueEur',
          'validUntil',
        ],
        report.licences.map((l) => [
          l.caseId,
          date(l.issuedOn),
          term(l.licenceKind),
          ...tables.place(l.destinations),
          l.endUsers.join('; '),
          term(l.goodsCategory),
          amount(l.totalValueEur),
          date(l.validUntil),
        ]),
      );
      return tables.list;
    case 'yearly-overview':
      about(tables, report, String(report.year));
      tables
        .add(
          'value-by-category',
          ['goodsCategory', 'category', 'valueEur', 'licences'],
          report.valueByCategory.map((r) => [
            term(r.goodsCategory),
            r.category,
            amount(r.valueEur),
            r.licences,
          ]),
        )
        .add(
          'value-by-destination',
          ['goodsCategory', 'destination', ...PLACE, 'valueEur', 'licences'],
          report.valueByDestination.map((r) => [
            term(r.goodsCategory),
            ...tables.place([r.destination]),
            amount(r.valueEur),
            r.licences,
          ]),
        )
        .add(
          'licences-per-month',
          ['month', 'licences', 'military', 'dualUse'],
          report.licencesPerMonth.map((r) => [r.month, r.licences, r.military, r.dualUse]),
        )
        .add(
          'denials',
          ['denials', ...CRITERIA_HEADER],
          [[report.denials, ...criteriaCells(report.denialsByCriterion)]],
        )
        .add(
          'denials-by-goods-category',
          ['goodsCategory', 'denials', ...CRITERIA_HEADER],
          report.denialsByGoodsCategory.map((r) => [
            term(r.goodsCategory),
            r.denials,
            ...criteriaCells(r.criteriaCited),
          ]),
        )
        .add(
          'revocations',
          ['caseId', 'revokedOn', 'goodsCategory', 'destinations', ...PLACE, 'circumstances', 'criteria'],
          report.revocations.map((r) => [
            r.caseId,
            date(r.revokedOn),
            term(r.goodsCategory),
            ...tables.place(r.destinations),
            r.circumstances,
            r.criteria.join(' '),
          ]),
        )
        .add(
          'validity-mix',
          ['months', 'licences'],
          report.validityMix.map((r) => [r.months, r.licences]),
        )
        .add(
          'validity-deviations',
          ['ruleMonths', 'actualMonths', 'licences'],
          (report.validityDeviations ?? []).map((r) => [r.ruleMonths, r.actualMonths, r.licences]),
        )
        .add(
          'activity',
          ['extensions', 'sondagesRequested', 'sondagesPositive', 'sondagesNegative'],
          [
            [
              report.extensions,
              report.sondages.requested,
              report.sondages.positive,
              report.sondages.negative,
            ],
          ],
        )
        .add(
          'reassessments-suspensions-holds',
          [
            'goodsCategory',
            'reassessments',
            'maintained',
            'revocationProposed',
            'suspensions',
            'reinstatements',
            'holds',
            'releases',
          ],
          (report.stepsAfterIssue ?? []).map((r) => [
            term(r.goodsCategory),
            r.reassessments,
            r.maintained,
            r.revocationProposed,
            r.suspensions,
            r.reinstatements,
            r.holds,
            r.releases,
          ]),
        )
        .add(
          'decision-days',
          ['decisions', 'median', 'p90', 'max'],
          [
            [
              report.decisionDays.decisions,
              report.decisionDays.median,
              report.decisionDays.p90,
              report.decisionDays.max,
            ],
          ],
        );
      return tables.list;
    default: {
      const unexpected: never = report;
      throw new Error(`Unknown report ${JSON.stringify(unexpected)}`);
    }
  }
}
