import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type { Migration } from 'kysely';
import type { Pool } from 'pg';

/**
 * Brings one group of tables up to date with Kysely's `Migrator`, under migration tables of the
 * group's own (`<group>_migrations`, `<group>_migrations_lock`), so that the audit, the idempotency
 * records and the read models migrate independently in one database. The migrator holds an
 * advisory lock while it runs, so replicas opening at once migrate once.
 * @throws Error naming the migration that failed.
 */
export async function migrateGroup(
  pool: Pool,
  group: string,
  migrations: Readonly<Record<string, Migration>>,
): Promise<void> {
  // No destroy(): that would end the pool, which its adapter owns.
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    migrationTableName: `${group}_migrations`,
    migrationLockTableName: `${group}_migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(
      `The ${group} schema could not be brought up to date${failed ? ` (migration ${failed})` : ''}: ${reason}`,
      { cause: error },
    );
  }
}
