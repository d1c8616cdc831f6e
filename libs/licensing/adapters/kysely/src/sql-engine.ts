import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Whether `db` talks to PostgreSQL rather than SQLite: the few places where the queries must
 * differ between the engines (JSON functions, planner hints) ask this one question.
 */
export function runsOnPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
