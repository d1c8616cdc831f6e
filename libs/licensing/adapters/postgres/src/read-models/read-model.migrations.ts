import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationResultSet } from 'kysely';
import {
  addFenceColumn,
  addStatisticsYearTotals,
  addPeriodOrder,
  addValidityPeriods,
  createCheckpointTable,
  createIndex,
  createProjectionIndexes,
  DECISION_DATE_INDEX,
  DESTINATION_CASE_INDEX,
  dropRetiredIndexes,
  dropRetiredPeriodIndexes,
  LISTED_FACTS_INDEX,
  PERIOD_LISTING_INDEXES,
  REGISTERED_CASES_INDEX,
  RECORDED_PERIODS_INDEX,
  createProjectionTables,
} from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import { postgresFaultOf } from '../postgres-storage-faults';

/*
 * The read-model schema in PostgreSQL, as versioned migrations: a database is brought from any
 * earlier version (or from empty) to the latest when a store opens. Each migration runs in a
 * transaction of its own (DDL is transactional in PostgreSQL), and Kysely's migrator holds an
 * advisory lock meanwhile, so that processes opening at once migrate one after the other.
 * Migrations are never edited once released: a change of schema is a new one.
 */

/** Kysely's Migration works on an untyped Kysely; the schema functions want the typed one. */
const typed = (db: Kysely<unknown>) => db as unknown as Kysely<ReadModelDatabase>;

export const READ_MODEL_MIGRATIONS: Readonly<Record<string, Migration>> = {
  /** The read models as the SQLite store had them when PostgreSQL came: tables, indexes, checkpoints. */
  '2026-12-01-001-read-models': {
    up: async (db) => {
      await createCheckpointTable(typed(db));
      for (const name of PROJECTION_NAMES) {
        await createProjectionTables(typed(db), name);
        await createProjectionIndexes(typed(db), name);
      }
    },
  },
  /** The lease fence of projector fail-over on each checkpoint (0 on the rows there are). */
  '2026-12-01-002-projection-fences': {
    up: async (db) => {
      await addFenceColumn(typed(db));
    },
  },
  /** The row readiness upserts to show the database takes writes; it changes nothing served. */
  '2026-12-01-003-write-probe': {
    up: async (db) => {
      await db.schema
        .createTable('read_model_probe')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('probed_at', 'text', (c) => c.notNull())
        .addColumn('probed_by', 'text', (c) => c.notNull())
        .execute();
    },
  },
  /**
   * The validity periods of the decision history: created (by 001 already on a new database) and
   * filled from the stored history of every case, which stays as it is (see addValidityPeriods).
   */
  '2026-12-01-004-validity-periods': {
    up: async (db) => {
      await addValidityPeriods(typed(db));
    },
  },
  /**
   * The index of decision dates, over rows that already hold the date: a period's decisions read
   * only the period. Built in the migration's transaction, so writes to decision_history wait
   * for it (seconds at 100k licences) once, when the first upgraded process opens the store.
   */
  '2026-12-01-005-decision-dates': {
    up: async (db) => {
      await createIndex(typed(db), DECISION_DATE_INDEX);
    },
  },
  /**
   * Listings at a point in time: the cases bound for a country read from an index alone (see
   * DESTINATION_CASE_INDEX), in place of the index of first destinations without the case id; the
   * periods by when their version was recorded (RECORDED_PERIODS_INDEX). Columns every row has.
   */
  '2026-12-01-006-listing-indexes': {
    up: async (db) => {
      await createIndex(typed(db), DESTINATION_CASE_INDEX);
      await createIndex(typed(db), RECORDED_PERIODS_INDEX);
      await dropRetiredIndexes(typed(db));
    },
  },
  /**
   * Listings at a point in time sort by registration from the periods alone: every period row gets
   * its case's registration from the stored history (see addPeriodRegistration), and the periods'
   * listing indexes are made again with it, one more by case. Seconds at 100k licences, once.
   */
  '2026-12-01-007-period-registration': {
    up: async (db) => {
      await addPeriodOrder(typed(db));
      for (const index of PERIOD_LISTING_INDEXES) await createIndex(typed(db), index);
      await dropRetiredPeriodIndexes(typed(db));
    },
  },
  /** The facts by kind and goods category in date order, which the listing reports page through. */
  '2026-12-02-008-listed-facts': {
    up: async (db) => {
      await createIndex(typed(db), LISTED_FACTS_INDEX);
    },
  },
  /**
   * The yearly reports' totals per group and year (statistics_year_totals), created (by 001
   * already on a new database) and filled from every stored fact in the migration's transaction,
   * so that no report reads totals that miss a fact (see addStatisticsYearTotals).
   */
  '2026-12-02-009-statistics-year-totals': {
    up: async (db) => {
      await addStatisticsYearTotals(typed(db));
    },
  },
  /** The cases by registration, one period row each, which a listing as of an instant counts. */
  '2026-12-02-010-registered-cases': {
    up: async (db) => {
      await createIndex(typed(db), REGISTERED_CASES_INDEX);
    },
  },
};

export const LATEST_READ_MODEL_MIGRATION = Object.keys(READ_MODEL_MIGRATIONS).at(-1)!;

/** The tables in which Kysely's migrator records what ran and holds its lock. */
export const READ_MODEL_MIGRATION_TABLE = 'read_model_migrations';
export const READ_MODEL_MIGRATION_LOCK_TABLE = 'read_model_migrations_lock';

/** A migration failed: nothing of it is applied (it ran in its own transaction). */
export class ReadModelMigrationError extends Error {
  readonly code = 'READ_MODEL_MIGRATION_FAILED';

  constructor(
    readonly migration: string | undefined,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      migration === undefined
        ? `The read-model migrations could not run: ${reason}`
        : `Read-model migration ${migration} failed: ${reason}`,
      options,
    );
    this.name = 'ReadModelMigrationError';
  }
}

function migratorOf(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...READ_MODEL_MIGRATIONS }) },
    migrationTableName: READ_MODEL_MIGRATION_TABLE,
    migrationLockTableName: READ_MODEL_MIGRATION_LOCK_TABLE,
  });
}

function outcome({ error, results }: MigrationResultSet, store: string): void {
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  // No migration ran because the server is not there: the caller reports that as the storage fault it is.
  const fault = failed === undefined ? postgresFaultOf(error, store) : undefined;
  if (fault !== undefined) throw fault;
  throw new ReadModelMigrationError(failed, { cause: error });
}

/**
 * Brings the database to `target` (a name of READ_MODEL_MIGRATIONS), by default the latest. Tests
 * use a target to make a database of an earlier version.
 */
export async function migrateReadModels(
  db: Kysely<unknown>,
  target: string = LATEST_READ_MODEL_MIGRATION,
  /** What a storage fault names, e.g. "read models (PostgreSQL at host:port)". */
  store = 'read models (PostgreSQL)',
): Promise<void> {
  if (!(target in READ_MODEL_MIGRATIONS)) throw new RangeError(`Unknown read-model migration ${target}`);
  outcome(await migratorOf(db).migrateTo(target), store);
}

/** The names of the migrations the database has run, oldest first. */
export async function appliedReadModelMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from ${sql.table(READ_MODEL_MIGRATION_TABLE)} order by name`.execute(db);
  return rows.map((row) => row.name);
}
