import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';

/**
 * Whether `db` talks to PostgreSQL rather than SQLite: the few places where the queries must
 * differ between the engines (JSON functions, planner hints) ask this one question.
 */
export function runsOnPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The column type of a table keyed by the event's global position. On SQLite only a column
 * declared exactly `INTEGER PRIMARY KEY` is the rowid, and so the order the rows are stored in:
 * with `bigint` the rows would lie in insertion order behind a separate index, which after a build
 * stream by stream is case by case, and a year's facts or decisions would be read from pages
 * all over the file. PostgreSQL keeps `bigint` (its `integer` is 4 bytes).
 */
export function positionKeyType<DB>(db: Kysely<DB>): 'bigint' | 'integer' {
  return runsOnPostgres(db) ? 'bigint' : 'integer';
}

/**
 * A column that must not choose the index a statement reads by. SQLite has no statistics unless
 * asked, and takes an index on an equality (`kind IN (...)`) over the range of positions that
 * really narrows the rows: its unary `+` keeps the column out of that choice. PostgreSQL plans
 * from its statistics (and has no unary plus on text), so there the column is left as it is.
 */
export function unindexed<DB>(db: Kysely<DB>, column: string): RawBuilder<unknown> {
  return runsOnPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`;
}
