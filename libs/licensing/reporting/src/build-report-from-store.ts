import type { ReadModelStore } from '@licences/licensing-read-models';
import { buildEuAnnualReportFromTotals } from './eu-annual-totals.report';
import { buildIssuedReport, ISSUED_REPORT_FACTS } from './issued.report';
import { buildLargeLicencesReport, LARGE_LICENCE_FACTS } from './large-licences.report';
import { yearOf } from './report-period';
import type { ReportContext } from './report-facts';
import type { Report, ReportName, ReportPeriod } from './report.types';
import { buildYearlyOverviewReportFromTotals } from './yearly-overview.report';

/**
 * Builds the named report at `context.position` from what the store counts or selects, never from
 * every fact of the period: the same report as `buildReport` makes from all of them. Counted
 * reports bring their size into memory; listing reports bring only the facts they list.
 */
export async function buildReportFromStore(
  store: ReadModelStore,
  name: ReportName,
  period: ReportPeriod,
  context: ReportContext,
): Promise<Report> {
  const { from, to } = period;
  const at = context.position;
  switch (name) {
    // The year is checked before the store counts anything: a period that is not one calendar
    // year is refused at once, not after the store has grouped every fact in it.
    case 'eu-annual': {
      const year = yearOf(period);
      return buildEuAnnualReportFromTotals(await store.militaryDecisionTotals(from, to, at), year, context);
    }
    case 'yearly-overview': {
      const year = yearOf(period);
      return buildYearlyOverviewReportFromTotals(
        await store.yearlyOverviewTotals(from, to, at),
        year,
        context,
      );
    }
    case 'issued':
      return buildIssuedReport(
        await store.selectedStatisticsFacts(from, to, at, ISSUED_REPORT_FACTS),
        period,
        context,
      );
    case 'large-licences':
      return buildLargeLicencesReport(
        await store.selectedStatisticsFacts(from, to, at, LARGE_LICENCE_FACTS),
        period,
        context,
      );
    default: {
      const unexpected: never = name;
      throw new Error(`Unknown report ${String(unexpected)}`);
    }
  }
}
