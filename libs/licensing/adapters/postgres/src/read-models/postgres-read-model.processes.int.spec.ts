import { StorageFaultError } from '@licences/event-store';
import { ReadModelHarness } from '@licences/licensing-kysely/testing';
import { PROJECTION_NAMES, RebuildRunningError } from '@licences/licensing-read-models';
import { PostgresReadModelStore } from './postgres-read-model.store';
import { POSTGRES_READ_MODELS } from './testing/postgres-read-model.backend';

/** Polls `condition` until it holds (every 50 ms, for up to 30 s). */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('The condition never held within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** PostgreSQL only: several processes on one database, and a server that is not there. */
describe('PostgreSQL read-model store across processes', () => {
  let h: ReadModelHarness<PostgresReadModelStore>;

  beforeEach(async () => {
    h = await ReadModelHarness.create(POSTGRES_READ_MODELS.openEventStore, POSTGRES_READ_MODELS.backend);
  });

  afterEach(() => h.dispose());

  it('two stores (two pools, as two processes) projecting the same events at once store each row exactly once', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const first = await h.openStore();
    // Same database, a pool of its own.
    const second = await h.openStore();
    expect(second.db).toBe(first.db);
    // Overlapping batches in different cuts, so that each process keeps finding the other's work.
    const batches = (size: number) => {
      const cut: (typeof all)[] = [];
      for (let i = 0; i < all.length; i += size) cut.push(all.slice(Math.max(0, i - 1), i + size));
      return cut;
    };
    const run = async (store: PostgresReadModelStore, size: number) => {
      for (const batch of batches(size)) {
        await Promise.all(PROJECTION_NAMES.map((name) => store.project(name, batch)));
      }
    };
    await Promise.all([run(first.store, 2), run(second.store, 3), run(first.store, 5), run(second.store, 1)]);

    const head = all.at(-1)!.position;
    expect(await h.checkpoints(first.store)).toEqual([head, head, head, head]);
    expect(await h.checkpoints(second.store)).toEqual([head, head, head, head]);
    const fresh = await h.projectedFromScratch('fresh');
    expect(await h.dumpTables(first.db)).toEqual(await h.dumpTables(fresh.db));
  });

  it('a fenced writer loses to a newer claim made from another process', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const old = await h.openStore();
    const successor = await h.openStore();
    await old.store.project('licence-validity', all.slice(0, 3), 'live', 1);
    expect(await successor.store.claimFence('licence-validity', 2)).toBe(true);
    await expect(old.store.project('licence-validity', all, 'live', 1)).rejects.toMatchObject({
      code: 'PROJECTION_FENCED_OFF',
    });
    expect(await successor.store.checkpoint('licence-validity')).toBe(all[2]!.position);
  });

  it('refuses a second rebuild of a projection from another process, and lets one start once the first process is gone', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const head = all.at(-1)!.position;
    const first = await h.openStore();
    const second = await h.openStore();
    for (const name of PROJECTION_NAMES) await first.store.project(name, all);
    await first.store.startRebuild('decision-history');
    await first.store.project('decision-history', all.slice(0, 2), 'rebuild');

    // The second process may neither reset the first one's rebuild tables nor drop them.
    await expect(second.store.startRebuild('decision-history')).rejects.toBeInstanceOf(RebuildRunningError);
    await second.store.abortRebuild('decision-history');
    expect(await first.store.checkpoint('decision-history', 'rebuild')).toBe(all[1]!.position);
    // Other projections are not held up.
    await second.store.startRebuild('statistics');
    await second.store.abortRebuild('statistics');

    await first.store.project('decision-history', all.slice(2), 'rebuild');
    expect(await first.store.completeRebuild('decision-history', () => Promise.resolve([]))).toBe(head);
    const fresh = await h.projectedFromScratch('fresh');
    expect(await h.dumpTables(first.db)).toEqual(await h.dumpTables(fresh.db));

    // A process that dies mid-rebuild frees the lock with its connection.
    await first.store.startRebuild('decision-history');
    await first.store.close();
    await second.store.startRebuild('decision-history');
    await second.store.project('decision-history', all, 'rebuild');
    expect(await second.store.completeRebuild('decision-history', () => Promise.resolve([]))).toBe(head);
    expect(await h.dumpTables(second.db)).toEqual(await h.dumpTables(fresh.db));
  });

  it('stops a rebuild whose lock went with its connection, so that it never swaps in over a successor', async () => {
    await h.writeLifecycles();
    const all = await h.events.readAll();
    const first = await h.openStore();
    const second = await h.openStore();
    await first.store.startRebuild('decision-history');
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: first.db });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'licences-rebuild-locks' AND datname = current_database()`,
      );
    } finally {
      await admin.end();
    }
    // The successor gets the lock as soon as the server has ended the session.
    await waitUntil(() =>
      second.store.startRebuild('decision-history').then(
        () => true,
        () => false,
      ),
    );
    await expect(first.store.project('decision-history', all, 'rebuild')).rejects.toThrow(/lost its lock/);
    await expect(first.store.completeRebuild('decision-history', () => Promise.resolve([]))).rejects.toThrow(
      /lost its lock/,
    );
    await second.store.project('decision-history', all, 'rebuild');
    expect(await second.store.completeRebuild('decision-history', () => Promise.resolve([]))).toBe(
      all.at(-1)!.position,
    );
  });

  it('fails with a clear error naming the server, never the password, when nothing listens there', async () => {
    const opened = PostgresReadModelStore.open({
      connectionString: 'postgres://licences:s3cret-password@127.0.0.1:1/read_models',
    });
    await expect(opened).rejects.toThrow(StorageFaultError);
    const error = (await opened.catch((e: unknown) => e)) as StorageFaultError;
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    expect(error.message).toContain('read models (PostgreSQL at 127.0.0.1:1)');
    expect(error.message).not.toContain('s3cret-password');
  });

  it('reports a store whose server went away as unavailable, and answers again once it is back', async () => {
    const { store } = await h.openStore();
    await store.probe();
    // Every connection of the store's pool is ended by the server, as a restart would.
    const { db } = await h.openStore();
    const name = new URL(db).pathname.slice(1);
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: db });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
    } finally {
      await admin.end();
    }
    // The pool may hand out a dropped connection once; what fails must be the clear error.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await store.probe();
        break;
      } catch (error) {
        expect(error).toBeInstanceOf(StorageFaultError);
        expect((error as StorageFaultError).code).toBe('STORAGE_UNAVAILABLE');
      }
    }
    await store.probe();
    expect(await store.checkpoint('statistics')).toBe(0);
  });
});
