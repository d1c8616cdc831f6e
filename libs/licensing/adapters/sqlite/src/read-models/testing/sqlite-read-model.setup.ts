/*
 * Test support (not exported from the library): the shared read-model suites on SQLite, with the
 * events in a SQLite event store next to the read-model files.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- the events under test come from the real event store
import { SqliteEventStore } from '@licences/event-store-sqlite';
import type { ReadModelSuiteSetup } from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from '../sqlite-read-model.store';
import { sqliteReadModelBackend } from './sqlite-read-model.backend';

export const SQLITE_READ_MODELS: ReadModelSuiteSetup<SqliteReadModelStore> = {
  label: 'SQLite',
  openEventStore: (file, clock) => SqliteEventStore.open({ file, clock }),
  backend: sqliteReadModelBackend,
};
