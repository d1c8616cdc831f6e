import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import type { LocalDate } from '@licences/licensing-domain';
import { projectStatistics } from '@licences/licensing-read-models';
import type { StatisticsFact } from '@licences/licensing-read-models';
import { foldCaseStates, insertRows } from './kysely-batch-writes.queries';
import { addFactsToYearTotals } from './kysely-statistics-year-totals.writes';
import type { ReadModelDatabase } from './read-model.records';
import { fromStatisticsRecord, toStatisticsRecord } from './statistics-fact.mapper';

/*
 * Storage of the statistics projection, dialect-agnostic. The facts come from the pure
 * `projectStatistics`; the per-case working state lets a fact describe the case as it stood.
 */

type Db = Kysely<ReadModelDatabase>;

export { fromStatisticsRecord, toStatisticsRecord };

export async function applyStatistics(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  // The working state of a case moves through the batch in memory: read once per case, stored once.
  const facts = await foldCaseStates(db, 'statistics_case_state', events, (previous, event) => {
    const step = projectStatistics(previous, event);
    return step && { state: step.state, output: step.fact };
  });
  // A plain insert keyed by position: an event applied twice fails loudly.
  await insertRows(db, 'statistics_facts', facts.map(toStatisticsRecord));
  // In the same transaction, so the yearly reports' totals count exactly the facts there are.
  await addFactsToYearTotals(db, facts);
}

export async function statisticsFacts(
  db: Db,
  fromDate: LocalDate,
  toDate: LocalDate,
  upToPosition: number,
): Promise<StatisticsFact[]> {
  const records = await db
    .selectFrom('statistics_facts')
    .selectAll()
    .where('decision_date', '>=', fromDate)
    .where('decision_date', '<=', toDate)
    .where('position', '<=', upToPosition)
    .orderBy('position')
    .execute();
  return records.map(fromStatisticsRecord);
}
