import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

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
