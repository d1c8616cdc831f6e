import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@licences/event-store';
import type { LicenceCase } from '@licences/licensing-domain';
import { caseIdOf, caseIdsOf, parseCaseState } from './case-state.mapper';
import { chunked, IN_LIST_CHUNK } from './kysely-read-model.queries';
import type { ReadModelDatabase } from './read-model.records';

/*
 * Multi-row writes of the projections, dialect-agnostic: a batch of events becomes a few
 * statements per table instead of one or more per event or per case. Each runs inside the
 * caller's transaction, like every write of the projections.
 */

type Db = Kysely<ReadModelDatabase>;
type TableName = keyof ReadModelDatabase;
/** The same database seen without its table types, for the few helpers generic over the table. */
type UntypedDb = Kysely<Record<string, Record<string, unknown>>>;

/** Bind parameters per statement: under SQLite's 999 of older builds, as the IN-lists are. */
const MAX_PARAMETERS = 999;

function untyped(db: Db): UntypedDb {
  return db as unknown as UntypedDb;
}

/** As many rows per INSERT as their columns allow within MAX_PARAMETERS. */
function rowsPerInsert(row: object): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(row).length));
}

/** Plain multi-row inserts: a key already stored fails the statement, and with it the batch. */
export async function insertRows<T extends TableName>(
  db: Db,
  table: T,
  rows: readonly ReadModelDatabase[T][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  for (const chunk of chunked(rows, rowsPerInsert(first))) {
    await untyped(db)
      .insertInto(table)
      .values(chunk as unknown as Record<string, unknown>[])
      .execute();
  }
}

/**
 * Multi-row upserts on `key`: a stored row gets every other column of the new one. Each key may
 * appear only once in `rows` (PostgreSQL refuses to update a row twice in one statement).
 */
export async function upsertRows<T extends TableName>(
  db: Db,
  table: T,
  key: keyof ReadModelDatabase[T] & string,
  rows: readonly ReadModelDatabase[T][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const updated = Object.keys(first).filter((column) => column !== key);
  const changes = Object.fromEntries(updated.map((column) => [column, sql.ref(`excluded.${column}`)]));
  const name: string = table;
  for (const chunk of chunked(rows, rowsPerInsert(first))) {
    await untyped(db)
      .insertInto(name)
      .values(chunk as unknown as Record<string, unknown>[])
      .onConflict((oc) => oc.column(key).doUpdateSet(changes))
      .execute();
  }
}

/** Deletes the rows of the given cases from a table keyed (in part) by `case_id`. */
export async function deleteCaseRows(db: Db, table: TableName, caseIds: readonly string[]): Promise<void> {
  for (const chunk of chunked(caseIds, IN_LIST_CHUNK)) {
    await untyped(db).deleteFrom(table).where('case_id', 'in', chunk).execute();
  }
}

/** The stored working state (JSON) of each of the given cases that has one. */
export async function findCaseStates(
  db: Db,
  table: 'revocation_case_state' | 'statistics_case_state',
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const chunk of chunked(caseIds, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom(table)
      .select(['case_id', 'state'])
      .where('case_id', 'in', chunk)
      .execute();
    for (const row of rows) states.set(row.case_id, row.state);
  }
  return states;
}

/**
 * Moves each case's working state (stored as JSON in `table`) through a batch: read once per case,
 * folded in memory with `step`, stored once per case. Returns what the steps produced, in order.
 */
export async function foldCaseStates<O>(
  db: Db,
  table: 'revocation_case_state' | 'statistics_case_state',
  events: readonly RecordedEvent[],
  step: (
    previous: LicenceCase | undefined,
    event: RecordedEvent,
  ) => { state: LicenceCase; output?: O } | undefined,
): Promise<O[]> {
  const stored = await findCaseStates(db, table, caseIdsOf(events));
  const states = new Map<string, LicenceCase>();
  const outputs: O[] = [];
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) continue;
    const next = step(states.get(caseId) ?? parseCaseState(stored.get(caseId)), event);
    if (!next) continue;
    states.set(caseId, next.state);
    if (next.output !== undefined) outputs.push(next.output);
  }
  await upsertRows(
    db,
    table,
    'case_id',
    [...states].map(([case_id, state]) => ({ case_id, state: JSON.stringify(state) })),
  );
  return outputs;
}
