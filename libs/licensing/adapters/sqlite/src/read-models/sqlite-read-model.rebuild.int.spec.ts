import { describeRebuild, lifecyclesPerTest, SWAP_CUT_SHORT } from '@licences/licensing-kysely/testing';
import { RebuildRunningError } from '@licences/licensing-read-models';
import { SQLITE_READ_MODELS } from './testing/sqlite-read-model.setup';

describeRebuild(SQLITE_READ_MODELS);

/** SQLite only: two processes (two stores on one file) rebuilding the same projection. */
describe('SQLite rebuild started again by another process', () => {
  const fixture = lifecyclesPerTest(SQLITE_READ_MODELS);

  it('refuses the first one every further write and its swap; its abort leaves the second one be', async () => {
    const { h, all } = fixture;
    const name = 'licence-validity';
    const head = all.at(-1)!.position;
    const first = await h.openStore();
    const second = await h.openStore();
    await h.projectAll(first.store, all);
    const live = await h.dumpTables(first.db);
    const half = all.slice(0, Math.floor(all.length / 2));

    await first.store.startRebuild(name);
    await first.store.project(name, half, 'rebuild');
    // The second empties the rebuild tables: whatever the first wrote before is gone.
    await second.store.startRebuild(name);

    await expect(first.store.project(name, all, 'rebuild')).rejects.toThrow(RebuildRunningError);
    await expect(first.store.projectStreams(name, [], head)).rejects.toThrow(RebuildRunningError);
    await expect(first.store.completeRebuild(name, () => Promise.resolve(all))).rejects.toThrow(
      RebuildRunningError,
    );
    await first.store.abortRebuild(name);
    expect(await first.store.checkpoint(name, 'rebuild')).toBe(0);
    expect(await h.dumpTables(first.db)).toEqual(live);

    await second.store.project(name, all, 'rebuild');
    expect(await second.store.completeRebuild(name, () => Promise.resolve([]))).toBe(head);
    expect(await h.dumpTables(second.db)).toEqual(
      await h.dumpTables((await h.projectedFromScratch('fresh')).db),
    );
  });
});

/** SQLite only: PostgreSQL names the swapped-in indexes inside the swap, so none can be left over. */
describe('SQLite store opened after a swap cut short before its indexes took their live names', () => {
  const fixture = lifecyclesPerTest(SQLITE_READ_MODELS);

  it('gives them their live names, ending with the schema and rows of a fresh store', async () => {
    const { h, all } = fixture;
    const { store, db: file } = await h.openStore();
    await h.projectAll(store, all);
    const fresh = await h.projectedFromScratch('fresh');
    await h.execute(file, SWAP_CUT_SHORT);
    expect(await h.schemaObjects(file)).not.toEqual(await h.schemaObjects(fresh.db));

    const reopened = await h.openStore();
    expect(await h.schemaObjects(reopened.db)).toEqual(await h.schemaObjects(fresh.db));
    expect(await h.dumpTables(reopened.db)).toEqual(await h.dumpTables(fresh.db));
  });
});

/** SQLite only: it renames the old tables aside in the swap and clears them away after it. */
describe('SQLite swap stopped or joined while it clears the old tables away', () => {
  const fixture = lifecyclesPerTest(SQLITE_READ_MODELS);
  const retired = async (file: string) =>
    (await fixture.h.tableNames(file)).filter((table) => table.endsWith('__retired'));

  /** A rebuild of decision-history whose swap has put the old tables aside, still clearing them. */
  async function swapClearingOldTables() {
    const { h, all } = fixture;
    const { store, db: file } = await h.openStore();
    await h.projectAll(store, all);
    const fresh = await h.projectedFromScratch('fresh');
    await store.startRebuild('decision-history');
    await store.project('decision-history', all, 'rebuild');
    const swap = store.completeRebuild('decision-history', () => Promise.resolve([]));
    while ((await retired(file)).length === 0) await new Promise((resolve) => setImmediate(resolve));
    return { store, file, fresh, swap };
  }

  it('a store opened after the process stopped there drops them and names every index', async () => {
    const { h } = fixture;
    const { store, file, fresh, swap } = await swapClearingOldTables();
    await store.close();
    await expect(swap).rejects.toMatchObject({ message: expect.stringMatching(/closed/) });
    expect(await retired(file)).not.toEqual([]);

    const reopened = await h.openStore();
    expect(await retired(reopened.db)).toEqual([]);
    expect(await h.schemaObjects(reopened.db)).toEqual(await h.schemaObjects(fresh.db));
    expect(await h.dumpTables(reopened.db)).toEqual(await h.dumpTables(fresh.db));
  });

  it('a store opened by another process meanwhile lets the swap finish as a fresh store', async () => {
    const { h, all } = fixture;
    const { file, fresh, swap } = await swapClearingOldTables();
    // Opening drops the old tables in one go, under the first store's clearing.
    await h.openStore();
    expect(await swap).toBe(all.at(-1)!.position);
    expect(await retired(file)).toEqual([]);
    expect(await h.schemaObjects(file)).toEqual(await h.schemaObjects(fresh.db));
    expect(await h.dumpTables(file)).toEqual(await h.dumpTables(fresh.db));
  });
});
