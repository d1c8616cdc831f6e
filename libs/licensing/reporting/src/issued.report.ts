import type { ListedStatisticsFact, StatisticsFactSelection } from '@licences/licensing-read-models';
import { countryNames } from './report-language';
import { byText, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type { DeniedLine, IssuedLicenceLine, IssuedReport, ReportPeriod } from './report.types';

/** The only facts the issued report lists: the store need not read the others. */
export const ISSUED_REPORT_FACTS: StatisticsFactSelection = { kinds: ['issued', 'denied'] };

/**
 * The monthly or quarterly publication: one line per goods item of each licence issued in the
 * period, military and dual-use apart, and one per goods item of each application denied in it,
 * with the criteria the denial cited (the ministry publishes its refusals too).
 */
export function buildIssuedReport(
  facts: readonly ListedStatisticsFact[],
  period: ReportPeriod,
  context: ReportContext,
): IssuedReport {
  const military: IssuedLicenceLine[] = [];
  const dualUse: IssuedLicenceLine[] = [];
  const denials: DeniedLine[] = [];
  const codes: string[] = [];
  for (const fact of facts) {
    if (!inPeriod(fact, period)) continue;
    if (fact.kind === 'issued' && fact.validUntil !== null) {
      codes.push(...fact.destinations);
      for (const line of fact.goods) {
        (fact.goodsCategory === 'military' ? military : dualUse).push({
          caseId: fact.caseId,
          issuedOn: fact.decisionDate,
          licenceKind: fact.licenceKind,
          exportType: fact.exportType,
          destinations: fact.destinations,
          goodsDescription: line.description,
          controlListEntry: line.controlListEntry,
          valueEur: euros(line.valueCents),
          validUntil: fact.validUntil,
        });
      }
    } else if (fact.kind === 'denied') {
      codes.push(...fact.destinations);
      const criteria = [...new Set(fact.criteria)].sort((a, b) => a - b);
      for (const line of fact.goods) {
        denials.push({
          caseId: fact.caseId,
          deniedOn: fact.decisionDate,
          licenceKind: fact.licenceKind,
          goodsCategory: fact.goodsCategory,
          destinations: fact.destinations,
          goodsDescription: line.description,
          controlListEntry: line.controlListEntry,
          valueEur: euros(line.valueCents),
          criteria,
        });
      }
    }
  }
  const order =
    <T extends { caseId: string; controlListEntry: string; goodsDescription: string; valueEur: number }>(
      dateOf: (line: T) => string,
    ) =>
    (a: T, b: T): number =>
      byText(dateOf(a), dateOf(b)) ||
      byText(a.caseId, b.caseId) ||
      byText(a.controlListEntry, b.controlListEntry) ||
      byText(a.goodsDescription, b.goodsDescription) ||
      a.valueEur - b.valueEur;
  const issuedOrder = order<IssuedLicenceLine>((l) => l.issuedOn);
  return {
    report: 'issued',
    period,
    position: context.position,
    policyVersion: context.policyVersion,
    lang: context.lang,
    countries: countryNames(codes),
    military: military.sort(issuedOrder),
    dualUse: dualUse.sort(issuedOrder),
    denials: denials.sort(order<DeniedLine>((l) => l.deniedOn)),
  };
}
