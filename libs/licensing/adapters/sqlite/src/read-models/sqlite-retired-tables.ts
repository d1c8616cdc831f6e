import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { PROJECTION_TABLES, tableOfIndex, tablesOf } from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import type { ProjectionName } from '@licences/licensing-read-models';

/*
 * SQLite frees every page of a dropped table inside the DROP statement, on the one thread that
 * also answers requests: dropping the old decision_history of 100k licences in a rebuild's swap
 * took 7.1 s. So the swap only renames the old tables aside, and they are cleared in small steps
 * after it, each in a transaction and a turn of the event loop of its own.
 */

type Db = Kysely<ReadModelDatabase>;

/** Rows of an old table deleted in one step: a few tens of milliseconds at 100k licences. */
export const RETIRED_ROWS_PER_STEP = 5_000;

/** The name a live table takes in a rebuild's swap, until it is cleared away. */
export function retiredTableName(table: string): string {
  return `${table}__retired`;
}

/** Inside the swap: renames the live tables aside (after dropping what a swap cut short left). */
export async function retireTables(db: Db, name: ProjectionName): Promise<void> {
  for (const table of tablesOf(name)) {
    await db.schema.dropTable(retiredTableName(table)).ifExists().execute();
    await db.schema.alterTable(table).renameTo(retiredTableName(table)).execute();
  }
}

/** Whether the old table is still there. */
export async function retiredTableExists(db: Db, retired: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ${retired}`.execute(db);
  return rows.length > 0;
}

/** The indexes of an old table that can be dropped (not those of its primary key). */
export async function retiredIndexes(db: Db, retired: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${retired} AND sql IS NOT NULL
    ORDER BY name`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Drops one index of an old table, if it is still that table's: once another process that opened
 * the store dropped the old table, the name may already be a live table's again. Run it inside a
 * transaction.
 */
export async function dropRetiredIndex(db: Db, retired: string, index: string): Promise<void> {
  if ((await tableOfIndex(db, index)) === retired) await db.schema.dropIndex(index).execute();
}

/**
 * Deletes up to `limit` rows of an old table; returns how many it deleted (0 once it is gone: a
 * process that opened the store meanwhile may have dropped it). Run it inside a transaction.
 */
export async function deleteRetiredRows(db: Db, retired: string, limit: number): Promise<number> {
  if (!(await retiredTableExists(db, retired))) return 0;
  const table = sql.table(retired);
  const result = await sql`
    DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} LIMIT ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** At open: drops, in one go, the old tables of a swap cut short before they were cleared. */
export async function dropRetiredTables(db: Db): Promise<void> {
  for (const table of Object.values(PROJECTION_TABLES).flat()) {
    await db.schema.dropTable(retiredTableName(table)).ifExists().execute();
  }
}
