import { describeDecisionDates, issue, ReadModelHarness, register } from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeDecisionDates(SQLITE_READ_MODELS);

/** An SQLite file is upgraded in place on open; PostgreSQL has migration 005 instead. */
describe('SqliteReadModelStore decision dates on an older file', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('gets the index of decision dates when a store written before it opens, its rows kept', async () => {
    await h.writer.decide('old-1', register('old-1'), '2024-03-01T12:00:00Z');
    await h.writer.decide('old-1', issue(), '2024-03-05T12:00:00Z');
    const first = await h.openStore('old.sqlite');
    await h.projectAll(first.store, await h.events.readAll());
    await h.execute(first.db, 'DROP INDEX decision_history_date_idx');
    const indexes = async () =>
      (await h.schemaObjects(first.db)).filter((o) => o.name === 'decision_history_date_idx');
    expect(await indexes()).toEqual([]);
    const before = await h.dumpTables(first.db);

    const { store } = await h.openStore('old.sqlite');
    expect(await indexes()).toHaveLength(1);
    expect(await h.dumpTables(first.db)).toEqual(before);
    const page = await store.decisionPageBetween({ from: '2024-03-01', to: '2024-03-31' } as never, {
      offset: 0,
      limit: 10,
    });
    expect(page.keys.map((k) => `${k.caseId}#${k.revision}`)).toEqual(['old-1#0', 'old-1#1']);
  });
});
