/*
 * What GET /api/statistics/{report} takes (StatisticsQueryDto): a report, exactly one period
 * (year, month, quarter, or from and to), a format and a language.
 */

export const REPORT_NAMES = ['eu-annual', 'issued', 'large-licences', 'yearly-overview'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_FORMATS = ['html', 'json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_LANGUAGES = ['nl', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const PERIOD_KINDS = ['year', 'quarter', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The two yearly reports need a whole calendar year (README, "Statistics"). */
export const PERIODS_OF: Readonly<Record<ReportName, readonly PeriodKind[]>> = {
  'eu-annual': ['year'],
  'yearly-overview': ['year'],
  issued: PERIOD_KINDS,
  'large-licences': PERIOD_KINDS,
};

export interface ReportRequest {
  readonly report: ReportName;
  readonly periodKind: PeriodKind;
  readonly year: string;
  readonly quarter: string;
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly format: ReportFormat;
  readonly lang: ReportLanguage;
}
