import type { StatisticsFact } from '@licences/licensing-read-models';
import { byText, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type { IssuedLicenceLine, IssuedReport, ReportPeriod } from './report.types';

/** One line per goods item of each licence issued in the period, military and dual-use apart. */
export function buildIssuedReport(
  facts: readonly StatisticsFact[],
  period: ReportPeriod,
  context: ReportContext,
): IssuedReport {
  const military: IssuedLicenceLine[] = [];
  const dualUse: IssuedLicenceLine[] = [];
  for (const fact of facts) {
    if (fact.kind !== 'issued' || !inPeriod(fact, period) || fact.validUntil === null) continue;
    for (const line of fact.goods) {
      (fact.goodsCategory === 'military' ? military : dualUse).push({
        caseId: fact.caseId,
        issuedOn: fact.decisionDate,
        destination: fact.destination,
        goodsDescription: line.description,
        controlListEntry: line.controlListEntry,
        valueEur: euros(line.valueCents),
        validUntil: fact.validUntil,
      });
    }
  }
  const order = (a: IssuedLicenceLine, b: IssuedLicenceLine): number =>
    byText(a.issuedOn, b.issuedOn) ||
    byText(a.caseId, b.caseId) ||
    byText(a.controlListEntry, b.controlListEntry) ||
    byText(a.goodsDescription, b.goodsDescription) ||
    a.valueEur - b.valueEur;
  return {
    report: 'issued',
    period,
    position: context.position,
    policyVersion: context.policyVersion,
    military: military.sort(order),
    dualUse: dualUse.sort(order),
  };
}
