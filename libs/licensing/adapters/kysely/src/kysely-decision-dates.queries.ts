import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { LocalDate } from '@licences/licensing-domain';
import type { DecisionKey, DecisionPage, DecisionPeriod, PageRequest } from '@licences/licensing-read-models';
import type { ReadModelDatabase } from './read-model.records';

/*
 * Period reads of the decision history through its index of decision dates
 * (decision_history_date_idx: decision_date, case_id, revision, position), dialect-agnostic. They
 * touch only the period's rows, so a month costs a month's rows whatever the length of history.
 */

type Db = Kysely<ReadModelDatabase>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Kysely's "no columns selected yet"
type PeriodQuery = SelectQueryBuilder<ReadModelDatabase, 'decision_history', {}>;

function inPeriod(db: Db, { from, to, types }: DecisionPeriod): PeriodQuery {
  let query = db
    .selectFrom('decision_history')
    .where('decision_date', '>=', from)
    .where('decision_date', '<=', to);
  if (types !== undefined) {
    query = types.length > 0 ? query.where('type', 'in', [...types]) : query.where((eb) => eb.lit(false));
  }
  return query;
}

const keyOf = (row: { decision_date: string; case_id: string; revision: number | string }): DecisionKey => ({
  decisionDate: row.decision_date as LocalDate,
  caseId: row.case_id,
  revision: Number(row.revision),
});

/** A chunk of the period's keys after `after`, in index order. */
export async function decisionKeysBetween(
  db: Db,
  period: DecisionPeriod,
  after: DecisionKey | undefined,
  limit: number,
): Promise<DecisionKey[]> {
  let query = inPeriod(db, period).select(['decision_date', 'case_id', 'revision']);
  if (after !== undefined) {
    // Spelled out rather than as a row value, so that both engines seek the index on its prefix.
    const { decisionDate, caseId, revision } = after;
    query = query.where((eb) =>
      eb.or([
        eb('decision_date', '>', decisionDate),
        eb.and([eb('decision_date', '=', decisionDate), eb('case_id', '>', caseId)]),
        eb.and([
          eb('decision_date', '=', decisionDate),
          eb('case_id', '=', caseId),
          eb('revision', '>', revision),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy('decision_date')
    .orderBy('case_id')
    .orderBy('revision')
    .limit(limit)
    .execute();
  return rows.map(keyOf);
}

/** One page of the period's keys, their count and last position; the caller runs both in one snapshot. */
export async function decisionPageBetween(
  db: Db,
  period: DecisionPeriod,
  { offset, limit }: PageRequest,
): Promise<DecisionPage> {
  const rows = await inPeriod(db, period)
    .select(['decision_date', 'case_id', 'revision'])
    .orderBy('decision_date')
    .orderBy('case_id')
    .orderBy('revision')
    .limit(limit)
    .offset(offset)
    .execute();
  const whole = await inPeriod(db, period)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('position').as('last')])
    .executeTakeFirstOrThrow();
  return { keys: rows.map(keyOf), total: Number(whole.n), lastPosition: Number(whole.last ?? 0) };
}

/** The period's distinct cases after `afterCaseId`, by case id. */
export async function casesDecidedBetween(
  db: Db,
  period: DecisionPeriod,
  afterCaseId: string | undefined,
  limit: number,
): Promise<string[]> {
  let query = inPeriod(db, period).select('case_id').distinct();
  if (afterCaseId !== undefined) query = query.where('case_id', '>', afterCaseId);
  const rows = await query.orderBy('case_id').limit(limit).execute();
  return rows.map((row) => row.case_id);
}
