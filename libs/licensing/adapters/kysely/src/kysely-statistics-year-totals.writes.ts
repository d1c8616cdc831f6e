import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StatisticsFact } from '@licences/licensing-read-models';
import { militaryDecisionGroups } from './kysely-statistics-totals.queries';
import { addToYearTotals, factsAt } from './kysely-statistics-year-totals.queries';
import type { FactGroups, TotalledReport } from './kysely-statistics-year-totals.queries';
import { yearlyOverviewGroups } from './kysely-yearly-overview-totals.queries';
import type { ReadModelDatabase } from './read-model.records';

type Db = Kysely<ReadModelDatabase>;

interface Totalled {
  readonly report: TotalledReport;
  readonly groups: FactGroups;
  /** Whether the grouping can count the fact at all (it selects the same facts again in SQL). */
  readonly counts: (fact: StatisticsFact) => boolean;
}

/** Every report whose counts are kept per year, with its grouping. */
const TOTALLED: readonly Totalled[] = [
  {
    report: 'eu-annual',
    groups: militaryDecisionGroups,
    counts: (fact) => fact.goodsCategory === 'military' && (fact.kind === 'issued' || fact.kind === 'denied'),
  },
  { report: 'yearly-overview', groups: yearlyOverviewGroups, counts: () => true },
];

/**
 * In the transaction that wrote `facts`: adds them to every report's totals. A report none of
 * them concerns is left alone, which spares the inline projection of a command a statement.
 */
export async function addFactsToYearTotals(db: Db, facts: readonly StatisticsFact[]): Promise<void> {
  for (const { report, groups, counts } of TOTALLED) {
    const positions = facts.filter(counts).map((fact) => fact.position);
    if (positions.length > 0) await addToYearTotals(db, report, groups, factsAt(db, positions));
  }
}

/** Fills empty totals from every fact the store holds (a store written before the totals). */
export async function fillYearTotals(db: Db): Promise<void> {
  for (const { report, groups } of TOTALLED) await addToYearTotals(db, report, groups, sql`1 = 1`);
}
