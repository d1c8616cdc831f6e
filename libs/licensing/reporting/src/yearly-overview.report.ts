import { daysBetween } from '@licences/licensing-domain';
import type {
  StatisticsFact,
  YearlyOverviewCount,
  YearlyOverviewTotals,
} from '@licences/licensing-read-models';
import { inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type { ReportPeriod, YearlyOverviewReport } from './report.types';
import { increment, YearlyOverviewTally } from './yearly-overview.tally';

const one = (
  fact: StatisticsFact,
  group: YearlyOverviewCount['group'],
  extra: Partial<YearlyOverviewCount> = {},
): YearlyOverviewCount => ({
  group,
  kind: fact.kind,
  goodsCategory: fact.goodsCategory,
  key: null,
  months: null,
  decidedMonths: null,
  days: null,
  criterion: null,
  facts: 1,
  valueCents: 0,
  ...extra,
});

/**
 * The counts one fact adds, as the store's `yearlyOverviewTotals` groups them: summed over the
 * facts of a period, the same counts the store gives for it.
 */
export function yearlyOverviewCountsOf(fact: StatisticsFact): YearlyOverviewCount[] {
  const counts = [one(fact, 'kind', { key: fact.outcome })];
  if (fact.kind === 'issued') {
    counts.push(one(fact, 'month', { key: fact.decisionDate.slice(0, 7) }));
    // Classified by the rule's months (12 or 36); the validity actually decided is in the facts.
    const months = fact.ruleMonths ?? fact.validityMonths ?? 0;
    counts.push(one(fact, 'validity', { months, decidedMonths: fact.validityMonths }));
    const categories = new Map<string, number>();
    for (const line of fact.goods) increment(categories, line.category, line.valueCents);
    for (const [key, valueCents] of categories) counts.push(one(fact, 'category', { key, valueCents }));
    // The value cannot be split over destinations: each gets the licence with its whole value.
    for (const key of new Set(fact.destinations))
      counts.push(one(fact, 'destination', { key, valueCents: fact.totalValueCents }));
  }
  if (fact.kind === 'denied')
    for (const criterion of new Set(fact.criteria)) counts.push(one(fact, 'criterion', { criterion }));
  if ((fact.kind === 'issued' || fact.kind === 'denied') && fact.appliedOn)
    counts.push(one(fact, 'days', { days: daysBetween(fact.appliedOn, fact.decisionDate) }));
  return counts;
}

/**
 * The yearly overview for the parliamentary debate on licence validity. Everything counts in the
 * year of its own decision date: a licence issued in 2024 and revoked in 2025 is issued in the 2024
 * overview and revoked in the 2025 one.
 */
export function buildYearlyOverviewReport(
  facts: readonly StatisticsFact[],
  year: number,
  period: ReportPeriod,
  context: ReportContext,
): YearlyOverviewReport {
  const tally = new YearlyOverviewTally();
  for (const fact of facts) {
    if (!inPeriod(fact, period)) continue;
    if (fact.kind === 'revoked') tally.addRevocation(fact);
    for (const count of yearlyOverviewCountsOf(fact)) tally.add(count);
  }
  return tally.report(year, context);
}

/**
 * The same report from counts the store grouped (`yearlyOverviewTotals`): each count adds what
 * that many facts add one by one above.
 */
export function buildYearlyOverviewReportFromTotals(
  totals: YearlyOverviewTotals,
  year: number,
  context: ReportContext,
): YearlyOverviewReport {
  const tally = new YearlyOverviewTally();
  for (const fact of totals.revocations) tally.addRevocation(fact);
  for (const count of totals.counts) tally.add(count);
  return tally.report(year, context);
}
