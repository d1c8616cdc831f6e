import type { GoodsCategory, LicenceKind } from '@licences/licensing-domain';
import type { ReportLanguage } from '../report.types';
import { EN } from './report-html-en.labels';
import { NL } from './report-html-nl.labels';

/** Every word of the HTML report and its charts, in English and in Dutch. */
export interface HtmlLabels {
  readonly builtAt: string;
  readonly policyVersion: string;
  readonly period: (label: string, from: string, to: string) => string;
  readonly year: (year: number, from: string, to: string) => string;
  readonly none: string;
  readonly criterion: (c: string) => string;
  readonly timesCited: string;
  readonly denialsInAll: string;
  readonly destination: string;
  readonly countryNl: string;
  readonly countryEn: string;
  readonly allDestinations: string;
  readonly category: string;
  readonly goods: string;
  readonly goodsCategory: string;
  readonly licences: string;
  readonly value: string;
  readonly valueIssued: string;
  readonly denials: string;
  readonly criteriaCitedTimes: string;
  readonly actualExports: string;
  readonly notRecorded: string;
  readonly actualExportsNotRecorded: string;
  readonly notes: string;
  readonly caseId: string;
  readonly issuedOn: string;
  readonly deniedOn: string;
  readonly revokedOn: string;
  readonly validUntil: string;
  readonly kind: string;
  readonly controlListEntry: string;
  readonly criteria: string;
  readonly circumstances: string;
  readonly endUser: string;
  readonly totalValue: string;
  readonly month: string;
  readonly months: (n: number) => string;
  readonly measure: string;
  readonly number: string;
  readonly days: string;
  readonly military: string;
  readonly dualUse: string;
  readonly allGoods: string;
  readonly goodsCategoryName: (g: GoodsCategory) => string;
  readonly licenceKindName: (k: LicenceKind) => string;
  readonly temporary: string;
  // EU annual report
  readonly euTitle: (year: number) => string;
  readonly euExports: string;
  readonly euExportsCaption: string;
  readonly euTemporary: string;
  readonly euTransit: string;
  readonly euBrokering: string;
  readonly euByDestinationCaption: (table: string) => string;
  readonly euTotals: (table: string) => string;
  readonly euDenialCriteria: string;
  // yearly overview
  readonly yearlyTitle: (year: number) => string;
  readonly byCategory: string;
  readonly byCategoryCaption: string;
  readonly byDestination: string;
  readonly byDestinationCaption: string;
  readonly perMonth: string;
  readonly perMonthCaption: string;
  readonly validity: string;
  readonly validityCaption: string;
  readonly extensions: string;
  readonly licencesExtended: string;
  readonly denialsCaption: string;
  readonly denialsByGoodsCaption: string;
  readonly revocations: string;
  readonly revocationsCaption: string;
  readonly sondagesAndDays: string;
  readonly sondagesCaption: string;
  readonly requested: string;
  readonly positive: string;
  readonly negative: string;
  readonly daysCaption: string;
  readonly decisionsTaken: string;
  readonly median: string;
  readonly p90: string;
  readonly longest: string;
  // issued and large licences
  readonly issuedTitle: (label: string) => string;
  readonly militaryGoods: string;
  readonly dualUseGoods: string;
  readonly issuedCaption: (goods: string) => string;
  readonly deniedSection: string;
  readonly deniedCaption: string;
  readonly issuedByDestinationCaption: string;
  readonly largeTitle: (threshold: string, label: string) => string;
  readonly largeCaption: (threshold: string) => string;
  readonly valuePerLicence: string;
  // charts
  readonly chartDenials: string;
  readonly chartValueByDestination: string;
  readonly chartPerMonth: string;
  readonly chartValidity: string;
  readonly chartValuePerLicence: string;
}

export function htmlLabels(lang: ReportLanguage): HtmlLabels {
  return lang === 'nl' ? NL : EN;
}
