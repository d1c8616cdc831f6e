import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from './read-model.records';

/** The tables and columns Kysely's introspection finds. */
export type IntrospectedTables = Awaited<ReturnType<Kysely<ReadModelDatabase>['introspection']['getTables']>>;

/** Whether `table` is in the database without `column`. */
export function lacksColumn(tables: IntrospectedTables, table: string, column: string): boolean {
  const found = tables.find((t) => t.name === table);
  return found !== undefined && !found.columns.some((c) => c.name === column);
}

/**
 * Period rows written before they held their case's registration get it from the first entry of
 * the case's stored decision history, the same projection's table and the instant licence_validity
 * holds as registered_at, in the transaction that opens (SQLite) or migrates (PostgreSQL) the
 * store: no rebuild, no listing that sees a row without it. Nothing to do where the column is.
 */
export async function addPeriodRegistration(
  db: Kysely<ReadModelDatabase>,
  tables: IntrospectedTables,
): Promise<void> {
  if (!lacksColumn(tables, 'validity_periods', 'registered_at')) return;
  // Nullable, as a column added to a table with rows must be; every row gets its value below.
  await db.schema.alterTable('validity_periods').addColumn('registered_at', 'text').execute();
  await db
    .updateTable('validity_periods')
    .set((eb) => ({
      registered_at: eb
        .selectFrom('decision_history as h')
        .select('h.recorded_at')
        .whereRef('h.case_id', '=', 'validity_periods.case_id')
        .orderBy('h.revision')
        .limit(1)
        .$castTo<string>(),
    }))
    .execute();
}
