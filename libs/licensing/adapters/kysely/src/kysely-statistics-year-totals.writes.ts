import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { militaryDecisionGroups } from './kysely-statistics-totals.queries';
import { addToYearTotals, factsAt } from './kysely-statistics-year-totals.queries';
import type { FactGroups, TotalledReport } from './kysely-statistics-year-totals.queries';
import { yearlyOverviewGroups } from './kysely-yearly-overview-totals.queries';
import type { ReadModelDatabase } from './read-model.records';

type Db = Kysely<ReadModelDatabase>;

/** Every report whose counts are kept per year, with its grouping. */
const TOTALLED: readonly (readonly [TotalledReport, FactGroups])[] = [
  ['eu-annual', militaryDecisionGroups],
  ['yearly-overview', yearlyOverviewGroups],
];

/** In the transaction that wrote the facts at `positions`: adds them to every report's totals. */
export async function addFactsToYearTotals(db: Db, positions: readonly number[]): Promise<void> {
  if (positions.length === 0) return;
  for (const [report, groups] of TOTALLED) await addToYearTotals(db, report, groups, factsAt(db, positions));
}

/** Fills empty totals from every fact the store holds (a store written before the totals). */
export async function fillYearTotals(db: Db): Promise<void> {
  for (const [report, groups] of TOTALLED) await addToYearTotals(db, report, groups, sql`1 = 1`);
}
