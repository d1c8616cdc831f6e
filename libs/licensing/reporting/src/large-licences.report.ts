import type { ListedStatisticsFact, StatisticsFactSelection } from '@licences/licensing-read-models';
import { countryNames } from './report-language';
import { byText, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type { LargeLicenceLine, LargeLicencesReport, ReportPeriod } from './report.types';

/** Parliament is told promptly of licences strictly above EUR 2 million. */
export const LARGE_LICENCE_THRESHOLD_CENTS = 2_000_000_00;

/** The only facts the report can list: the store need not read the others. */
export const LARGE_LICENCE_FACTS: StatisticsFactSelection = {
  kinds: ['issued'],
  valueAboveCents: LARGE_LICENCE_THRESHOLD_CENTS,
};

export function buildLargeLicencesReport(
  facts: readonly ListedStatisticsFact[],
  period: ReportPeriod,
  context: ReportContext,
): LargeLicencesReport {
  const licences: LargeLicenceLine[] = facts
    .filter(
      (fact) =>
        fact.kind === 'issued' &&
        inPeriod(fact, period) &&
        fact.totalValueCents > LARGE_LICENCE_THRESHOLD_CENTS &&
        fact.validUntil !== null,
    )
    .map((fact) => ({
      caseId: fact.caseId,
      issuedOn: fact.decisionDate,
      licenceKind: fact.licenceKind,
      destinations: fact.destinations,
      endUsers: fact.endUsers,
      goodsCategory: fact.goodsCategory,
      totalValueEur: euros(fact.totalValueCents),
      validUntil: fact.validUntil as NonNullable<typeof fact.validUntil>,
    }))
    .sort((a, b) => byText(a.issuedOn, b.issuedOn) || byText(a.caseId, b.caseId));
  return {
    report: 'large-licences',
    period,
    position: context.position,
    policyVersion: context.policyVersion,
    lang: context.lang,
    countries: countryNames(licences.flatMap((l) => l.destinations)),
    thresholdEur: euros(LARGE_LICENCE_THRESHOLD_CENTS),
    licences,
  };
}
