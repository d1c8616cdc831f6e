import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { REBUILD_SUFFIX, tablesOf } from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import type { ProjectionName } from '@licences/licensing-read-models';

/*
 * The statements only PostgreSQL has, kept out of the shared query code.
 */

/** First key of the advisory locks of the read models: keeps them apart from any other lock. */
const READ_MODEL_LOCK_SPACE = 0x4c52; // "LR"

/** First key of the session locks that let one process at a time rebuild a projection. */
export const REBUILD_LOCK_SPACE = 0x4c42; // "LB"

/**
 * Takes the projection's rebuild lock on `session` if no other session holds it. It lasts as long
 * as the session, so a rebuilding process that dies frees it with its connection.
 */
export async function tryLockRebuild(
  session: { query: (text: string, values: unknown[]) => Promise<{ rows: { locked: boolean }[] }> },
  name: ProjectionName,
): Promise<boolean> {
  const { rows } = await session.query('select pg_try_advisory_lock($1::integer, hashtext($2)) as locked', [
    REBUILD_LOCK_SPACE,
    name,
  ]);
  return rows[0]?.locked === true;
}

/** Whether the session of server process `pid` holds the projection's rebuild lock now. */
export async function holdsRebuildLock(
  db: Kysely<ReadModelDatabase>,
  pid: number,
  name: ProjectionName,
): Promise<boolean> {
  // Two-key advisory locks show as classid = first key, objid = second key, objsubid = 2.
  const { rows } = await sql<{ held: boolean }>`select exists (
      select 1 from pg_locks
      where locktype = 'advisory' and granted and pid = ${pid} and objsubid = 2
        and classid::bigint = ${REBUILD_LOCK_SPACE}::bigint
        -- objid shows the key's 32 bits unsigned; hashtext is signed.
        and objid::bigint = (hashtext(${name})::bigint & 4294967295)
    ) as held`.execute(db);
  return rows[0]?.held === true;
}

/**
 * Takes the projection's lock until the transaction ends: writers of one projection, in any
 * process, take turns; writers of different projections do not wait for each other.
 */
export async function lockProjection(db: Kysely<ReadModelDatabase>, name: ProjectionName): Promise<void> {
  await sql`select pg_advisory_xact_lock(${READ_MODEL_LOCK_SPACE}::integer, hashtext(${name}))`.execute(db);
}

/**
 * The first statement of a snapshot read: LOCK TABLE takes no snapshot (PostgreSQL lets it run
 * before the transaction's snapshot for this very purpose), so a swap in progress is waited for
 * and the snapshot, taken by the next statement, sees the tables it committed with their rows.
 */
export async function lockTablesForSnapshot(
  db: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  const tables = tablesOf(name).map((table) => sql.table(table));
  await sql`lock table ${sql.join(tables)} in access share mode`.execute(db);
}

/**
 * A table renamed from `x__rebuild` keeps the constraint names it was created with
 * (`x__rebuild_pkey`), and PostgreSQL names them per schema: the next rebuild could not create
 * its own. After the swap, each constraint of the projection's tables gets the live name back.
 */
export async function restoreConstraintNames(
  db: Kysely<ReadModelDatabase>,
  name: ProjectionName,
): Promise<void> {
  for (const table of tablesOf(name)) {
    const { rows } = await sql<{ conname: string }>`
      select conname from pg_constraint
      where conrelid = to_regclass(${table}) and position(${REBUILD_SUFFIX} in conname) > 0`.execute(db);
    for (const { conname } of rows) {
      const live = conname.replace(REBUILD_SUFFIX, '');
      await sql`alter table ${sql.table(table)} rename constraint ${sql.id(conname)} to ${sql.id(live)}`.execute(
        db,
      );
    }
  }
}
