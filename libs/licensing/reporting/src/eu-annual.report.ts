import type { StatisticsFact } from '@licences/licensing-read-models';
import { byCategory, byText, countCriteria, emptyCriteria, euros, inPeriod } from './report-facts';
import type { ReportContext } from './report-facts';
import type {
  CriteriaCount,
  EuAnnualReport,
  EuAnnualRow,
  EuAnnualTotals,
  ReportPeriod,
} from './report.types';

interface Cell {
  licencesIssued: number;
  valueCents: number;
  denials: number;
  criteria: Record<keyof CriteriaCount, number>;
}

const emptyCell = (): Cell => ({ licencesIssued: 0, valueCents: 0, denials: 0, criteria: emptyCriteria() });

function add(into: Cell, from: Cell): void {
  into.licencesIssued += from.licencesIssued;
  into.valueCents += from.valueCents;
  into.denials += from.denials;
  for (const key of Object.keys(into.criteria) as (keyof CriteriaCount)[])
    into.criteria[key] += from.criteria[key];
}

function totalsOf(destination: string, cell: Cell): EuAnnualTotals {
  return {
    destination,
    licencesIssued: cell.licencesIssued,
    valueIssuedEur: euros(cell.valueCents),
    denials: cell.denials,
    criteriaCited: cell.criteria,
  };
}

/**
 * Common Position art. 8: per destination x military-list category. A licence with goods in several
 * categories counts once in each, with the value of its items there. Destination totals count a
 * licence or denial once however many categories it spans, so they are not sums of the rows.
 */
export function buildEuAnnualReport(
  facts: readonly StatisticsFact[],
  year: number,
  period: ReportPeriod,
  context: ReportContext,
): EuAnnualReport {
  const cells = new Map<string, Cell>();
  const perDestination = new Map<string, Cell>();
  const overall = emptyCell();
  for (const fact of facts) {
    if (fact.goodsCategory !== 'military' || !inPeriod(fact, period)) continue;
    if (fact.kind !== 'issued' && fact.kind !== 'denied') continue;
    const categories = new Map<string, number>();
    for (const line of fact.goods)
      categories.set(line.category, (categories.get(line.category) ?? 0) + line.valueCents);
    const whole = emptyCell();
    if (fact.kind === 'issued') {
      whole.licencesIssued = 1;
      whole.valueCents = fact.totalValueCents;
    } else {
      whole.denials = 1;
      countCriteria(whole.criteria, fact.criteria);
    }
    for (const [category, valueCents] of categories) {
      const key = `${fact.destination}\u0000${category}`;
      const cell = cells.get(key) ?? emptyCell();
      add(cell, { ...whole, valueCents: fact.kind === 'issued' ? valueCents : 0 });
      cells.set(key, cell);
    }
    const destination = perDestination.get(fact.destination) ?? emptyCell();
    add(destination, whole);
    perDestination.set(fact.destination, destination);
    add(overall, whole);
  }
  const rows: EuAnnualRow[] = [...cells.entries()]
    .map(([key, cell]) => {
      const [destination, category] = key.split('\u0000') as [string, string];
      return {
        destination,
        category,
        licencesIssued: cell.licencesIssued,
        valueIssuedEur: euros(cell.valueCents),
        denials: cell.denials,
        criteriaCited: cell.criteria,
        actualExportsEur: null,
      };
    })
    .sort((a, b) => byText(a.destination, b.destination) || byCategory(a.category, b.category));
  return {
    report: 'eu-annual',
    year,
    position: context.position,
    policyVersion: context.policyVersion,
    rows,
    totals: {
      perDestination: [...perDestination.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([destination, cell]) => totalsOf(destination, cell)),
      overall: totalsOf('all', overall),
    },
    notes: [
      'Value of actual exports (c) is not recorded by this licensing system; it is reported as null, not zero.',
      'A licence with goods in several categories counts once in each category, with the value of its goods there.',
    ],
  };
}
