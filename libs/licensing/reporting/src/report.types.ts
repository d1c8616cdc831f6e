import type { ExportType, GoodsCategory, LicenceKind, LocalDate } from '@licences/licensing-domain';

/*
 * The shapes of the reports the government sends to parliament and to the EU. Money is in euros
 * as decimal numbers computed from whole cents, so sums never drift; dates are calendar dates in
 * Europe/Amsterdam.
 */

export const REPORT_NAMES = ['eu-annual', 'issued', 'large-licences', 'yearly-overview'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_FORMATS = ['json', 'csv', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Every report is written in Dutch (its audience) or English; English stays the default. */
export const REPORT_LANGUAGES = ['en', 'nl'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export function isReportLanguage(value: unknown): value is ReportLanguage {
  return typeof value === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(value);
}

/** A country's name in both languages, beside its ISO code. */
export interface CountryNames {
  readonly nl: string;
  readonly en: string;
}

/** The period a report covers: a year, a month, a quarter or explicit dates (inclusive). */
export interface ReportPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** How it was asked, e.g. `2024`, `2024-05`, `2024-Q2`, `2024-01-01..2024-03-31`. */
  readonly label: string;
}

/** Every report says what it was built from, so that building it again gives the same bytes. */
export interface ReportProvenance {
  /** Global event position the report was built at. */
  readonly position: number;
  /** The validity policy version in force at the end of the period. */
  readonly policyVersion: string;
  /** The language of the report's texts; values (codes, dates, amounts) are the same in both. */
  readonly lang: ReportLanguage;
  /** Every country code the report names, with its Dutch and English name. */
  readonly countries: Readonly<Record<string, CountryNames>>;
}

export type CriteriaCount = Readonly<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7' | '8', number>>;

export interface EuAnnualRow {
  readonly destination: string;
  /** ML1..ML22 */
  readonly category: string;
  readonly licencesIssued: number;
  readonly valueIssuedEur: number;
  readonly denials: number;
  readonly criteriaCited: CriteriaCount;
  /** Not recorded by this system: always null, never zero. */
  readonly actualExportsEur: null;
}

export interface EuAnnualTotals {
  /** A destination code, or `all` for the overall totals. */
  readonly destination: string;
  readonly licencesIssued: number;
  readonly valueIssuedEur: number;
  readonly denials: number;
  readonly criteriaCited: CriteriaCount;
}

/** One table of the EU report: rows per destination x category and its totals. */
export interface EuAnnualTable {
  readonly rows: readonly EuAnnualRow[];
  readonly totals: { readonly perDestination: readonly EuAnnualTotals[]; readonly overall: EuAnnualTotals };
}

export interface EuAnnualReport extends ReportProvenance, EuAnnualTable {
  readonly report: 'eu-annual';
  readonly year: number;
  /*
   * `rows` and `totals` are the export table of art. 8: definitive exports under individual and
   * global licences only. The other licences have tables of their own, so that none is lost.
   */
  readonly transit: EuAnnualTable;
  readonly brokering: EuAnnualTable;
  /** Temporary exports (trade fairs, repair, testing) under individual and global licences. */
  readonly temporaryExports: EuAnnualTable;
  readonly notes: readonly string[];
}

export interface IssuedLicenceLine {
  readonly caseId: string;
  readonly issuedOn: LocalDate;
  readonly licenceKind: LicenceKind;
  readonly exportType: ExportType;
  /** ISO codes; several for a global licence. */
  readonly destinations: readonly string[];
  readonly goodsDescription: string;
  readonly controlListEntry: string;
  readonly valueEur: number;
  readonly validUntil: LocalDate;
}

/** One goods line of an application denied in the period, with the criteria the denial cited. */
export interface DeniedLine {
  readonly caseId: string;
  readonly deniedOn: LocalDate;
  readonly licenceKind: LicenceKind;
  readonly goodsCategory: GoodsCategory;
  readonly destinations: readonly string[];
  readonly goodsDescription: string;
  readonly controlListEntry: string;
  readonly valueEur: number;
  readonly criteria: readonly number[];
}

export interface IssuedReport extends ReportProvenance {
  readonly report: 'issued';
  readonly period: ReportPeriod;
  readonly military: readonly IssuedLicenceLine[];
  readonly dualUse: readonly IssuedLicenceLine[];
  /** Denials in the period, military and dual-use together (each line says which). */
  readonly denials: readonly DeniedLine[];
}

export interface LargeLicenceLine {
  readonly caseId: string;
  readonly issuedOn: LocalDate;
  readonly licenceKind: LicenceKind;
  readonly destinations: readonly string[];
  /** The end user at each destination, in the same order. */
  readonly endUsers: readonly string[];
  readonly goodsCategory: 'military' | 'dual-use';
  readonly totalValueEur: number;
  readonly validUntil: LocalDate;
}

export interface LargeLicencesReport extends ReportProvenance {
  readonly report: 'large-licences';
  readonly period: ReportPeriod;
  /** Licences whose total value is above this amount (EUR 2 million). */
  readonly thresholdEur: number;
  readonly licences: readonly LargeLicenceLine[];
}

/** What the yearly overview counts of the steps beside the main path of a case, per goods category. */
export interface StepsAfterIssue {
  readonly goodsCategory: GoodsCategory;
  readonly reassessments: number;
  readonly maintained: number;
  readonly revocationProposed: number;
  readonly suspensions: number;
  readonly reinstatements: number;
  readonly holds: number;
  readonly releases: number;
}

/**
 * The yearly overview gives military and dual-use goods apart, as the Dutch annual report does:
 * every row that counts goods says which of the two it counts, military rows first.
 */
export interface YearlyOverviewReport extends ReportProvenance {
  readonly report: 'yearly-overview';
  readonly year: number;
  readonly valueByCategory: readonly {
    readonly goodsCategory: GoodsCategory;
    readonly category: string;
    readonly valueEur: number;
    readonly licences: number;
  }[];
  /** A licence to several destinations counts, with its whole value, under each of them. */
  readonly valueByDestination: readonly {
    readonly goodsCategory: GoodsCategory;
    readonly destination: string;
    readonly valueEur: number;
    readonly licences: number;
  }[];
  readonly licencesPerMonth: readonly {
    readonly month: string;
    readonly licences: number;
    readonly military: number;
    readonly dualUse: number;
  }[];
  readonly denialsByCriterion: CriteriaCount;
  readonly denials: number;
  /** Denials and the criteria they cited, military and dual-use apart (both always present). */
  readonly denialsByGoodsCategory: readonly {
    readonly goodsCategory: GoodsCategory;
    readonly denials: number;
    readonly criteriaCited: CriteriaCount;
  }[];
  readonly revocations: readonly {
    readonly caseId: string;
    readonly revokedOn: LocalDate;
    readonly goodsCategory: GoodsCategory;
    readonly destinations: readonly string[];
    readonly circumstances: string;
    readonly criteria: readonly number[];
  }[];
  /** How many licences issued in the year got 12 and 36 months. */
  readonly validityMix: readonly { readonly months: number; readonly licences: number }[];
  /**
   * Licences whose validity as decided (validFrom..validUntil, in whole months) differs from the
   * months of the rule they are classified by above, e.g. imported history with deviations.
   */
  readonly validityDeviations?: readonly {
    readonly ruleMonths: number;
    readonly actualMonths: number;
    readonly licences: number;
  }[];
  readonly extensions: number;
  /**
   * Reassessments (by outcome), suspensions and reinstatements of licences, holds and releases of
   * pending cases, taken in the year; military and dual-use apart (both always present). Absent
   * only in a report built before these steps existed.
   */
  readonly stepsAfterIssue?: readonly StepsAfterIssue[];
  readonly sondages: { readonly requested: number; readonly positive: number; readonly negative: number };
  /** Calendar days from application to decision (issue or denial), over decisions taken in the year. */
  readonly decisionDays: {
    readonly decisions: number;
    readonly median: number | null;
    readonly p90: number | null;
    readonly max: number | null;
  };
}

export type Report = EuAnnualReport | IssuedReport | LargeLicencesReport | YearlyOverviewReport;
