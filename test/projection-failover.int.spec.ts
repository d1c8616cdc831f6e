import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { RecordedEvent } from '@licences/event-store';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { PostgresProjectionLeases, PostgresReadModelStore } from '@licences/licensing-postgres';
import { createTestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import {
  PROJECTION_NAMES,
  ProjectionFencedOffError,
  ProjectionRebuilder,
  ProjectionRunner,
} from '@licences/licensing-read-models';
import type { ProjectionName, ProjectionTarget, ReadModelStore } from '@licences/licensing-read-models';
import { writeBacklog } from './support/backlog';
import {
  dumpPostgresReadModels,
  lowestPostgresCheckpoint,
  projectEverything,
} from './support/postgres-read-models';
import { timeoutAbove, waitUntil } from './support/waiting';

/** A wait for the runners to catch up with, or take over, a few hundred events (about 1 s idle). */
const CATCH_UP_MS = 60_000;
const RETRY_MS = 100;

/**
 * Two projection runners, as two projector processes would run them, over one SQLite event store
 * and one PostgreSQL read store, deciding with PostgreSQL leases who projects what.
 */
describe('projection fail-over on a shared PostgreSQL read store', () => {
  let dir: string;
  const databases: TestDatabase[] = [];
  const closers: (() => Promise<void>)[] = [];

  const newDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licences-failover-'));
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    await Promise.all(databases.splice(0).map((database) => database.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  interface Projector {
    readonly runner: ProjectionRunner;
    readonly leases: PostgresProjectionLeases;
    readonly store: ReadModelStore;
    readonly events: SqliteEventStore;
  }

  /** One projector's worth of connections; closed after the test whatever happens. */
  async function openProjector(
    url: string,
    holder: string,
    wrap = (s: ReadModelStore) => s,
  ): Promise<Projector> {
    const events = SqliteEventStore.open({ file: join(dir, 'licences.sqlite') });
    closers.push(() => events.close());
    const postgres = await PostgresReadModelStore.open({ connectionString: url, applicationName: holder });
    closers.push(() => postgres.close());
    const leases = new PostgresProjectionLeases({ connectionString: url, holder, heartbeatMs: 200 });
    closers.push(() => leases.close());
    const store = wrap(postgres);
    const runner = new ProjectionRunner(events, store, leases, { retryMs: RETRY_MS });
    closers.push(() => runner.shutdown());
    return { runner, leases, store, events };
  }

  /** What an uninterrupted projection of the same events into an empty database gives. */
  async function freshDump(): Promise<Record<string, unknown[]>> {
    const fresh = await newDatabase();
    const events = SqliteEventStore.open({ file: join(dir, 'licences.sqlite') });
    const store = await PostgresReadModelStore.open({ connectionString: fresh.url });
    try {
      await projectEverything(events, store);
    } finally {
      await store.close();
      await events.close();
    }
    return dumpPostgresReadModels(fresh.url);
  }

  const heldBy = (projector: Projector) => PROJECTION_NAMES.filter((name) => projector.runner.held(name));

  it(
    'runs each projection in one runner at a time, and the other takes over exactly when it stops mid-stream',
    async () => {
      const database = await newDatabase();
      const eventsFile = join(dir, 'licences.sqlite');
      await writeBacklog(eventsFile, 40);
      let cases = 40;
      const first = await openProjector(database.url, 'first');
      const second = await openProjector(database.url, 'second');
      await first.runner.start();
      await second.runner.start();
      expect(heldBy(first)).toEqual([...PROJECTION_NAMES]);
      expect(heldBy(second)).toEqual([]);
      expect(second.runner.state('licence-validity')).toBe('standby');

      // Sampled all along: a projection run by both at once is what fencing must never need.
      const overlaps: string[] = [];
      const sampler = setInterval(() => {
        for (const name of PROJECTION_NAMES) {
          if (first.runner.held(name) && second.runner.held(name)) overlaps.push(name);
        }
      }, 5);
      try {
        // Appends go on until after the take-over, so the holder stops mid-stream by construction.
        let takenOver = false;
        let rounds = 0;
        const appends = (async () => {
          while (!takenOver || rounds < 12) {
            await appendRound(eventsFile);
            rounds++;
          }
        })();
        await waitUntil(
          async () => rounds >= 3 && (await lowestPostgresCheckpoint(database.url)) > 0,
          'the first runner stores batches of every projection while events come in',
          CATCH_UP_MS,
        );
        await first.runner.shutdown();
        expect(heldBy(first)).toEqual([]);
        await waitUntil(
          () => heldBy(second).length === PROJECTION_NAMES.length,
          'the second runner takes every projection over',
          CATCH_UP_MS,
        );
        takenOver = true;
        await appends;
        cases += rounds * 10;
        const head = await first.events.headPosition();
        await waitUntil(
          async () => (await lowestPostgresCheckpoint(database.url)) === head,
          `the second runner reaches position ${head}`,
          CATCH_UP_MS,
        );
      } finally {
        clearInterval(sampler);
      }
      expect(overlaps).toEqual([]);
      await second.runner.shutdown();

      const dump = await dumpPostgresReadModels(database.url);
      expect(dump['licence_validity']).toHaveLength(cases);
      expect(dump).toEqual(await freshDump());
    },
    timeoutAbove(4 * CATCH_UP_MS),
  );

  it(
    "refuses a stale holder's late batch after another took over, storing nothing of it",
    async () => {
      const database = await newDatabase();
      const eventsFile = join(dir, 'licences.sqlite');
      const head = await writeBacklog(eventsFile, 20);

      // The first projector's licence-validity batch can be held back, as a slow network would.
      let gate: Promise<void> | undefined;
      let openGate = () => undefined as void;
      const heldBack: Promise<number>[] = [];
      const withGate = (store: ReadModelStore): ReadModelStore =>
        new Proxy(store, {
          get(target, property, receiver) {
            if (property !== 'project') {
              const value: unknown = Reflect.get(target, property, receiver);
              return typeof value === 'function'
                ? (value as (...a: unknown[]) => unknown).bind(target)
                : value;
            }
            return (
              name: ProjectionName,
              events: readonly RecordedEvent[],
              t?: ProjectionTarget,
              f?: number,
            ) => {
              if (!gate || name !== 'licence-validity') return target.project(name, events, t, f);
              const written = gate.then(() => target.project(name, events, t, f));
              gate = undefined;
              heldBack.push(written);
              return written;
            };
          },
        });
      const stale = await openProjector(database.url, 'stale', withGate);
      await stale.runner.start();
      const staleFence = stale.runner.held('licence-validity')?.fence;
      expect(staleFence).toBeDefined();
      await waitUntil(
        async () => (await lowestPostgresCheckpoint(database.url)) === head,
        `the first runner reaches ${head}`,
        CATCH_UP_MS,
      );
      gate = new Promise<void>((resolve) => (openGate = resolve));
      const later = await writeBacklog(eventsFile, 5);
      await waitUntil(() => heldBack.length === 1, 'a licence-validity batch waits at the gate', CATCH_UP_MS);

      // Its lease connection dies while the batch waits: the lock is free for another at once.
      await terminateLeaseConnection(database.url);
      await waitUntil(() => !stale.runner.held('licence-validity'), 'the stale runner notices', CATCH_UP_MS);
      const successor = await openProjector(database.url, 'successor');
      await successor.runner.start();
      await waitUntil(
        () => successor.runner.held('licence-validity') !== undefined,
        'the successor takes licence-validity',
        CATCH_UP_MS,
      );
      const successorFence = successor.runner.held('licence-validity')!.fence;
      expect(successorFence).toBeGreaterThan(staleFence!);
      await waitUntil(
        async () => (await successor.store.checkpoint('licence-validity')) === later,
        `the successor applies licence-validity up to ${later}`,
        CATCH_UP_MS,
      );
      const before = await dumpPostgresReadModels(database.url);

      // The late batch arrives with the old fence: refused whole.
      openGate();
      await expect(heldBack[0]).rejects.toBeInstanceOf(ProjectionFencedOffError);
      expect(await successor.store.fenceOf('licence-validity')).toBe(successorFence);
      expect(await dumpPostgresReadModels(database.url)).toEqual(before);
      // The stale runner went back to waiting instead of retrying the refused write.
      await waitUntil(
        () => stale.runner.state('licence-validity') === 'standby',
        'the stale runner waits for the lease again',
        CATCH_UP_MS,
      );
      expect(stale.runner.held('licence-validity')).toBeUndefined();

      await waitUntil(
        async () => (await lowestPostgresCheckpoint(database.url)) === later,
        `every projection reaches ${later}`,
        CATCH_UP_MS,
      );
      await stale.runner.shutdown();
      await successor.runner.shutdown();
      expect(await dumpPostgresReadModels(database.url)).toEqual(await freshDump());
    },
    timeoutAbove(7 * CATCH_UP_MS),
  );

  it(
    'rebuilds a projection online while a runner holds its lease and events keep coming',
    async () => {
      const database = await newDatabase();
      const eventsFile = join(dir, 'licences.sqlite');
      await writeBacklog(eventsFile, 60);
      const projector = await openProjector(database.url, 'projector');
      await projector.runner.start();
      const appends = (async () => {
        for (let round = 0; round < 6; round++) await appendRound(eventsFile);
      })();
      const events = SqliteEventStore.open({ file: eventsFile });
      closers.push(() => events.close());
      const rebuilder = new ProjectionRebuilder(events, projector.store);
      const [progress] = await Promise.all([rebuilder.rebuild('licence-validity'), appends]);
      expect(progress.state).toBe('completed');
      expect(projector.runner.held('licence-validity')).toBeDefined();
      const head = await events.headPosition();
      await waitUntil(
        async () => (await lowestPostgresCheckpoint(database.url)) === head,
        `the runner reaches ${head} after the rebuild`,
        CATCH_UP_MS,
      );
      await projector.runner.shutdown();
      const dump = await dumpPostgresReadModels(database.url);
      expect(dump['licence_validity']).toHaveLength(120);
      expect(dump).toEqual(await freshDump());
    },
    timeoutAbove(3 * CATCH_UP_MS),
  );
});

/**
 * Ten more cases. The SQLite writes are synchronous underneath, so a loop of them alone would
 * never let the runners' timers fire: each round first gives the event loop a turn.
 */
async function appendRound(eventsFile: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  await writeBacklog(eventsFile, 10);
}

/**
 * Ends the one lease connection that holds locks, from outside, as a network failure or a dead
 * host would.
 */
async function terminateLeaseConnection(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const ended = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'licences-projector-leases'
         AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
    );
    expect(ended.rows).toHaveLength(1);
    await client.query('SELECT pg_terminate_backend($1)', [ended.rows[0]!.pid]);
  } finally {
    await client.end();
  }
}
