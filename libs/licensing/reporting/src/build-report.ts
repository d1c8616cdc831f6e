import type { StatisticsFact } from '@licences/licensing-read-models';
import { buildEuAnnualReport } from './eu-annual.report';
import { buildIssuedReport } from './issued.report';
import { buildLargeLicencesReport } from './large-licences.report';
import { buildYearlyOverviewReport } from './yearly-overview.report';
import { yearOf } from './report-period';
import type { ReportContext } from './report-facts';
import type { Report, ReportName, ReportPeriod } from './report.types';

/** Builds the named report from the facts (already cut at the report's position). */
export function buildReport(
  name: ReportName,
  facts: readonly StatisticsFact[],
  period: ReportPeriod,
  context: ReportContext,
): Report {
  switch (name) {
    case 'eu-annual':
      return buildEuAnnualReport(facts, yearOf(period), period, context);
    case 'issued':
      return buildIssuedReport(facts, period, context);
    case 'large-licences':
      return buildLargeLicencesReport(facts, period, context);
    case 'yearly-overview':
      return buildYearlyOverviewReport(facts, yearOf(period), period, context);
    default: {
      const unexpected: never = name;
      throw new Error(`Unknown report ${String(unexpected)}`);
    }
  }
}
