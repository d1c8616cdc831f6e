import { localDate } from '@licences/licensing-domain';
import type { LicenceFilter } from '@licences/licensing-read-models';
import {
  describeAfterIssue,
  issue,
  ReadModelHarness,
  register,
  SUPERVISOR,
  suspend,
} from '@licences/licensing-kysely/testing';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeAfterIssue(SQLITE_READ_MODELS);

/** Upgrades of an SQLite file in place; PostgreSQL has versioned migrations instead. */
describe('SqliteReadModelStore after issue, on an older file', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  const at = (date: string) => `${date}T12:00:00Z`;
  const ids = async (store: SqliteReadModelStore, filter: LicenceFilter, today: string) =>
    (await store.listValidity(filter, localDate(today), { offset: 0, limit: 100 })).rows.map((r) => r.caseId);

  async function projected(): Promise<{ store: SqliteReadModelStore; db: string }> {
    const opened = await h.openStore();
    await opened.store.project('licence-validity', await h.events.readAll());
    return opened;
  }

  it('opens a read-model database written before suspensions and holds, and projects them from then on', async () => {
    await h.writer.decide('old', register('old'), at('2024-02-01'));
    await h.writer.decide('old', issue(), at('2024-03-01'));
    const { store, db: file } = await projected();
    await store.close();
    await h.execute(file, 'DROP TABLE licence_validity_suspensions; DROP TABLE licence_validity_holds;');
    const reopened = await h.openStore();
    expect(await ids(reopened.store, { status: 'issued' }, '2025-06-01')).toEqual(['old']);
    expect(await ids(reopened.store, { onHold: false }, '2025-06-01')).toEqual(['old']);
    await h.writer.decide('old', suspend('2025-06-01'), at('2025-06-02'), SUPERVISOR);
    await reopened.store.project('licence-validity', await h.events.readAll());
    expect(await ids(reopened.store, { status: 'suspended' }, '2025-06-03')).toEqual(['old']);
  });
});
