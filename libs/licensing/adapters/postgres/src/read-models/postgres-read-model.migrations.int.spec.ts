import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { projections } from '@licences/licensing-kysely';
import type { ReadModelDatabase } from '@licences/licensing-kysely';
import { PERIODS_BEFORE_REGISTRATION_SQL, ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import { localDate } from '@licences/licensing-domain';
import { createTestDatabase } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { PostgresReadModelStore } from './postgres-read-model.store';
import {
  appliedReadModelMigrations,
  LATEST_READ_MODEL_MIGRATION,
  migrateReadModels,
  READ_MODEL_MIGRATIONS,
  ReadModelMigrationError,
} from './read-model.migrations';
import { POSTGRES_READ_MODELS, withClient } from './testing/postgres-read-model.backend';

const FIRST = '2026-12-01-001-read-models';

describe('PostgreSQL read-model migrations', () => {
  let h: ReadModelHarness<PostgresReadModelStore>;
  const databases: TestDatabase[] = [];
  const kyselys: Kysely<unknown>[] = [];

  beforeEach(async () => {
    h = await ReadModelHarness.create(POSTGRES_READ_MODELS.openEventStore, POSTGRES_READ_MODELS.backend);
  });

  afterEach(async () => {
    try {
      for (const db of kyselys.splice(0)) await db.destroy();
      await h.dispose();
    } finally {
      for (const database of databases.splice(0)) await database.drop();
    }
  });

  async function emptyDatabase(): Promise<{ url: string; db: Kysely<unknown> }> {
    const database = await createTestDatabase();
    databases.push(database);
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: database.url, max: 2 }) }),
    });
    kyselys.push(db);
    return { url: database.url, db };
  }

  /** Every projection's rows of the harness's events, written by today's code into `db`. */
  async function projectEverything(db: Kysely<unknown>): Promise<void> {
    const typed = db as unknown as Kysely<ReadModelDatabase>;
    const all = await h.events.readAll();
    const now = new Date().toISOString();
    for (const name of PROJECTION_NAMES) {
      await typed.transaction().execute((trx) => projections.projectBatch(trx, name, all, 'live', now));
    }
  }

  /**
   * A database brought to `migration` and holding every projection's rows of the lifecycles,
   * with the dump of its tables then.
   */
  async function projectedAt(migration: string) {
    await h.writeLifecycles();
    const { url, db } = await emptyDatabase();
    await migrateReadModels(db, migration);
    await projectEverything(db);
    return { url, db, before: await h.dumpTables(url) };
  }

  const columnsOf = (url: string, table: string) =>
    withClient(url, async (client) =>
      (
        await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
          [table],
        )
      ).rows.map((r) => r.column_name),
    );

  it('migrates an empty database to the latest version, and opening again changes nothing', async () => {
    const { store, db } = await h.openStore();
    const fresh = await withClient(db, async (client) => {
      const { rows } = await client.query<{ name: string }>(
        'SELECT name FROM read_model_migrations ORDER BY name',
      );
      return rows.map((r) => r.name);
    });
    expect(fresh).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
    expect(fresh.at(-1)).toBe(LATEST_READ_MODEL_MIGRATION);
    expect(await columnsOf(db, 'projection_checkpoints')).toContain('fence');
    const schema = await h.schemaObjects(db);
    expect(schema.filter((o) => o.type === 'table').map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'licence_validity',
        'decision_history',
        'statistics_facts',
        'projection_checkpoints',
      ]),
    );
    await h.projectAll(store, await h.events.readAll());
    await h.openStore();
    expect(await h.schemaObjects(db)).toEqual(schema);
    expect(
      await withClient(
        db,
        async (c) => (await c.query('SELECT count(*)::int AS n FROM read_model_migrations')).rows,
      ),
    ).toEqual([{ n: Object.keys(READ_MODEL_MIGRATIONS).length }]);
  });

  it('brings a database of the first version, with rows and checkpoints, to the latest, keeping them', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const { url, db } = await emptyDatabase();
    await migrateReadModels(db, FIRST);
    expect(await appliedReadModelMigrations(db)).toEqual([FIRST]);
    expect(await columnsOf(url, 'projection_checkpoints')).not.toContain('fence');
    // The first version's store wrote like this: rows and checkpoint in one transaction, no fence.
    const typed = db as unknown as Kysely<ReadModelDatabase>;
    const now = new Date().toISOString();
    for (const name of PROJECTION_NAMES) {
      await typed
        .transaction()
        .execute((trx) => projections.projectBatch(trx, name, all.slice(0, 9), 'live', now));
    }
    const before = await h.dumpTables(url);

    const store = await PostgresReadModelStore.open({ connectionString: url });
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      expect(await h.dumpTables(url)).toEqual(before);
      for (const name of PROJECTION_NAMES) {
        expect(await store.checkpoint(name)).toBe(all[8]!.position);
        expect(await store.fenceOf(name)).toBe(0);
      }
      // It carries on where the first version stopped, and ends where a fresh projection does.
      await h.projectAll(store, all);
      const fresh = await h.projectedFromScratch('fresh');
      expect(await h.dumpTables(url)).toEqual(await h.dumpTables(fresh.db));
    } finally {
      await store.close();
    }
  });

  it('lets several processes open an empty database at once: one migrates, the others wait', async () => {
    const { url, db } = await emptyDatabase();
    const stores = await Promise.all(
      [1, 2, 3].map(() => PostgresReadModelStore.open({ connectionString: url, maxConnections: 2 })),
    );
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      for (const store of stores) expect(await store.checkpoint('statistics')).toBe(0);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('names the migration that failed, and leaves the database at the version before it', async () => {
    const { url, db } = await emptyDatabase();
    await migrateReadModels(db, FIRST);
    // A column in the way of 002: the migration fails and its transaction is rolled back.
    await withClient(url, (client) =>
      client.query('ALTER TABLE projection_checkpoints ADD COLUMN fence text'),
    );
    const opened = PostgresReadModelStore.open({ connectionString: url });
    await expect(opened).rejects.toThrow(ReadModelMigrationError);
    await expect(PostgresReadModelStore.open({ connectionString: url })).rejects.toMatchObject({
      code: 'READ_MODEL_MIGRATION_FAILED',
      migration: '2026-12-01-002-projection-fences',
      message: expect.stringContaining('Read-model migration 2026-12-01-002-projection-fences failed'),
    });
    expect(await appliedReadModelMigrations(db)).toEqual([FIRST]);
    await expect(migrateReadModels(db, 'no-such-migration')).rejects.toThrow(RangeError);
  });

  it('adds the listing indexes and drops the index of first destinations (006), the rows kept', async () => {
    await h.writeLifecycles();
    const { url, db } = await emptyDatabase();
    await migrateReadModels(db, '2026-12-01-005-decision-dates');
    // The index as versions before 006 made it.
    await withClient(url, (client) =>
      client.query(
        `DROP INDEX licence_validity_destination_case_idx;
         DROP INDEX validity_periods_recorded_order_idx;
         CREATE INDEX licence_validity_destination_idx ON licence_validity (destination_country)`,
      ),
    );
    const indexes = async () =>
      (await h.schemaObjects(url))
        .map((o) => o.name)
        .filter((name) => /^(licence_validity_destination_|validity_periods_recorded)/.test(name))
        .sort();
    expect(await indexes()).toEqual(['licence_validity_destination_idx']);
    await projectEverything(db);
    const before = await h.dumpTables(url);

    const store = await PostgresReadModelStore.open({ connectionString: url });
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      // 006 added the index by recording, which 007 replaced by one that also holds the registration.
      expect(await indexes()).toEqual([
        'licence_validity_destination_case_idx',
        'validity_periods_recorded_order_idx',
      ]);
      expect(await h.dumpTables(url)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it("counts every stored fact into the yearly reports' totals (009), rows kept", async () => {
    const { url, db, before } = await projectedAt('2026-12-02-008-listed-facts');
    expect(before['statistics_year_totals']?.length).toBeGreaterThan(0);
    // The database as versions before 009 left it: the facts without their totals.
    await withClient(url, (client) => client.query('DROP TABLE statistics_year_totals'));

    const store = await PostgresReadModelStore.open({ connectionString: url });
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      expect(await h.dumpTables(url)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('gives every period row its case registration and the indexes that hold it (007), rows kept', async () => {
    const { url, db, before } = await projectedAt('2026-12-01-006-listing-indexes');
    expect(before['validity_periods']?.length).toBeGreaterThan(0);
    // The periods as versions before 007 made them: no registration, indexes without it.
    await withClient(url, (client) => client.query(PERIODS_BEFORE_REGISTRATION_SQL));
    const indexes = async () =>
      (await h.schemaObjects(url))
        .map((o) => o.name)
        .filter((name) => name.startsWith('validity_periods_'))
        .sort();
    expect(await indexes()).toEqual([
      'validity_periods_case_idx',
      'validity_periods_recorded_idx',
      'validity_periods_status_idx',
      'validity_periods_valid_idx',
    ]);

    const store = await PostgresReadModelStore.open({ connectionString: url });
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      expect(await indexes()).toEqual([
        'validity_periods_case_bounds_idx',
        'validity_periods_case_idx',
        'validity_periods_recorded_order_idx',
        'validity_periods_registered_cases_idx',
        'validity_periods_status_order_idx',
        'validity_periods_valid_order_idx',
      ]);
      // Every row as the projection wrote it, its registration read back from the stored history.
      expect(await h.dumpTables(url)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('adds the index of cases by registration (010), which a listing as of an instant counts, rows kept', async () => {
    const { url, db, before } = await projectedAt('2026-12-02-009-statistics-year-totals');
    // The database as versions before 010 left it.
    await withClient(url, (client) => client.query('DROP INDEX validity_periods_registered_cases_idx'));
    const registeredCases = async () =>
      (await h.schemaObjects(url)).filter((o) => o.name === 'validity_periods_registered_cases_idx');
    expect(await registeredCases()).toEqual([]);

    const store = await PostgresReadModelStore.open({ connectionString: url });
    try {
      expect(await appliedReadModelMigrations(db)).toEqual(Object.keys(READ_MODEL_MIGRATIONS));
      expect(await registeredCases()).toHaveLength(1);
      expect(await h.dumpTables(url)).toEqual(before);
      // Every case the lifecycles registered, counted from the index as of now.
      const registered = new Set(
        (before['licence_validity'] as { case_id: string }[] | undefined)?.map((row) => row.case_id),
      );
      expect(registered.size).toBeGreaterThan(1);
      const page = await store.listCasesAt({}, { asOf: new Date().toISOString() }, localDate('2030-01-01'), {
        offset: 0,
        limit: 1000,
      });
      expect(page.total).toBe(registered.size);
      expect(new Set(page.caseIds)).toEqual(registered);
    } finally {
      await store.close();
    }
  });
});
