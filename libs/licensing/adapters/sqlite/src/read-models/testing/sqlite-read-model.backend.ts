/*
 * Test support (not exported from the library): the shared read-model suites on SQLite files in
 * the test's temporary folder, looked at through connections of their own, as another process would.
 */
import { join } from 'node:path';
import type { ReadModelBackendFactory, SchemaObject } from '@licences/licensing-kysely/testing';
import { SqliteReadModelStore } from '../sqlite-read-model.store';
import { dumpTables, execute, schemaObjects } from './read-model-tables.fixture';

/** `db` is the file's path; a name without an extension gets `.sqlite`. */
export const sqliteReadModelBackend: ReadModelBackendFactory<SqliteReadModelStore> = (dir) =>
  Promise.resolve({
    label: 'SQLite',
    open: async (name) => {
      const file = join(dir, name.includes('.') ? name : `${name}.sqlite`);
      return { store: await SqliteReadModelStore.open(file), db: file };
    },
    dumpTables: (db) => Promise.resolve(dumpTables(db)),
    schemaObjects: (db) => Promise.resolve(schemaObjects(db) as SchemaObject[]),
    execute: (db, sql) => Promise.resolve(execute(db, sql)),
    dispose: () => Promise.resolve(),
  });
