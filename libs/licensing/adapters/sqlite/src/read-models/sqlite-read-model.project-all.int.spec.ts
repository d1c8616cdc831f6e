import { ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES } from '@licences/licensing-read-models';
import type { SqliteReadModelStore } from './sqlite-read-model.store';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

const withoutCheckpoints = (dump: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(dump).filter(([table]) => table !== 'projection_checkpoints'));

describe('SqliteReadModelStore.projectAll', () => {
  let h: ReadModelHarness<SqliteReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(SQLITE_READ_MODELS.openEventStore, SQLITE_READ_MODELS.backend);
    await h.writeLifecycles();
  });

  afterEach(() => h.dispose());

  it('stores the rows and checkpoints that projecting each projection on its own stores', async () => {
    const all = await h.events.readAll();
    const apart = await h.openStore('apart');
    await h.projectAll(apart.store, all.slice(0, 7));
    await h.projectAll(apart.store, all.slice(7));
    const together = await h.openStore('together');
    // Statistics behind the others: each projection applies only what its own checkpoint lacks.
    await together.store.projectAll(
      PROJECTION_NAMES.filter((name) => name !== 'statistics'),
      all.slice(0, 7),
    );
    const checkpoints = await together.store.projectAll(PROJECTION_NAMES, all);

    expect(withoutCheckpoints(await h.dumpTables(together.db))).toEqual(
      withoutCheckpoints(await h.dumpTables(apart.db)),
    );
    for (const name of PROJECTION_NAMES) {
      expect(checkpoints.get(name)).toBe(all.at(-1)!.position);
      expect(await together.store.checkpoint(name)).toBe(all.at(-1)!.position);
    }
  });

  it('stores nothing of a batch in any projection, nor moves a checkpoint, when one of them fails to write it', async () => {
    const all = await h.events.readAll();
    const { store, db } = await h.openStore('failing');
    await store.projectAll(PROJECTION_NAMES, all.slice(0, 7));
    const before = await h.dumpTables(db);
    // Statistics are written last: the other three projections have written the batch by then.
    await h.execute(
      db,
      "CREATE TRIGGER refuse_facts BEFORE INSERT ON statistics_facts BEGIN SELECT RAISE(ABORT, 'facts refused by the test'); END",
    );
    // Matched by its message: better-sqlite3 makes its errors with the class of the first test file
    // that loaded it in this process, which is not this file's Error, so toThrow would not see one.
    await expect(store.projectAll(PROJECTION_NAMES, all)).rejects.toMatchObject({
      message: expect.stringMatching(/facts refused by the test/),
    });

    expect(await h.dumpTables(db)).toEqual(before);
    for (const name of PROJECTION_NAMES) expect(await store.checkpoint(name)).toBe(all[6]!.position);

    // Once the fault is gone the same batch is written whole, as if the failure had never been.
    await h.execute(db, 'DROP TRIGGER refuse_facts');
    await store.projectAll(PROJECTION_NAMES, all);
    const fresh = await h.projectedFromScratch('fresh');
    expect(withoutCheckpoints(await h.dumpTables(db))).toEqual(
      withoutCheckpoints(await h.dumpTables(fresh.db)),
    );
  });
});
