/*
 * Test support (not exported from the library): the shared read-model suites on PostgreSQL, a
 * database of their own per store name, dropped when the test ends; looked at through a client of
 * its own, as another process would.
 */
import { Client } from 'pg';
import { TABLE_ORDER } from '@licences/licensing-kysely/testing';
import type {
  ReadModelBackendFactory,
  ReadModelSuiteSetup,
  SchemaObject,
} from '@licences/licensing-kysely/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the events under test come from the real event store
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { createTestDatabase } from '../../testing/postgres-test-database';
import type { TestDatabase } from '../../testing/postgres-test-database';
import { PostgresReadModelStore } from '../postgres-read-model.store';

/** What the migrator and readiness keep for themselves: not part of the read models. */
const OWN_TABLES = ['read_model_migrations', 'read_model_migrations_lock', 'read_model_probe'];

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `db` is the connection string of the name's database. */
export const postgresReadModelBackend: ReadModelBackendFactory<PostgresReadModelStore> = () => {
  const databases = new Map<string, TestDatabase>();
  return Promise.resolve({
    label: 'PostgreSQL',
    open: async (name) => {
      let database = databases.get(name);
      if (database === undefined) {
        database = await createTestDatabase();
        databases.set(name, database);
      }
      const store = await PostgresReadModelStore.open({ connectionString: database.url, maxConnections: 3 });
      return { store, db: database.url };
    },
    dumpTables: (db) =>
      withClient(db, async (client) => {
        const dump: Record<string, unknown[]> = {};
        for (const [table, order] of Object.entries(TABLE_ORDER)) {
          dump[table] = (await client.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
        }
        return dump;
      }),
    schemaObjects: (db) =>
      withClient(db, async (client) => {
        const { rows } = await client.query<SchemaObject>(
          `SELECT 'table' AS type, tablename AS name, tablename AS tbl_name FROM pg_tables
             WHERE schemaname = 'public' AND NOT (tablename = ANY($1))
           UNION ALL
           SELECT 'index', indexname, tablename FROM pg_indexes
             WHERE schemaname = 'public' AND NOT (tablename = ANY($1))
           ORDER BY name`,
          [OWN_TABLES],
        );
        return rows;
      }),
    execute: async (db, sql) => {
      await withClient(db, (client) => client.query(sql));
    },
    dispose: async () => {
      for (const database of databases.values()) await database.drop();
    },
  });
};

export const POSTGRES_READ_MODELS: ReadModelSuiteSetup<PostgresReadModelStore> = {
  label: 'PostgreSQL',
  openEventStore: (file, clock) => SqliteEventStore.open({ file, clock }),
  backend: postgresReadModelBackend,
};
