import type { Client } from 'pg';
import { createTestDatabase, withConnection } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { PostgresProjectionLeases } from './postgres-projection-leases.adapter';

const POLL_MS = 50;
const TEST_MS = 60_000;

/** Polls until `condition` holds; the test's own timeout bounds the wait. */
async function eventually<T>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

describe('PostgresProjectionLeases', () => {
  let database: TestDatabase;
  const opened: PostgresProjectionLeases[] = [];
  const open = (holder: string) => {
    const leases = new PostgresProjectionLeases({
      connectionString: database.url,
      holder,
      heartbeatMs: 100,
    });
    opened.push(leases);
    return leases;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((leases) => leases.close()));
  });
  afterAll(async () => {
    await database.drop();
  });

  const onDatabase = <T>(work: (client: Client) => Promise<T>): Promise<T> =>
    withConnection(database.url, work);

  it(
    'gives a projection to one holder at a time, with a higher fence every time',
    async () => {
      const first = open('first');
      const second = open('second');
      // Two clients opening at once both migrate the lease tables safely.
      const [held, refused] = await Promise.all([
        first.tryAcquire('licence-validity'),
        second.tryAcquire('statistics'),
      ]);
      expect(held?.fence).toBe(1);
      expect(refused?.fence).toBe(1);
      expect(await second.tryAcquire('licence-validity')).toBeUndefined();
      // Session advisory locks are re-entrant; the adapter must not hand out a second lease here.
      expect(await first.tryAcquire('licence-validity')).toBeUndefined();

      await held!.release();
      expect(held!.isHeld()).toBe(false);
      const taken = await second.tryAcquire('licence-validity');
      expect(taken?.fence).toBe(2);
      expect(await first.tryAcquire('licence-validity')).toBeUndefined();
      await taken!.release();
      const again = await first.tryAcquire('licence-validity');
      expect(again?.fence).toBe(3);

      const rows = await onDatabase((client) =>
        client.query<{ name: string; fence: string; holder: string }>(
          'SELECT name, fence, holder FROM projection_leases ORDER BY name',
        ),
      );
      expect(rows.rows).toEqual([
        { name: 'licence-validity', fence: '3', holder: 'first' },
        { name: 'statistics', fence: '1', holder: 'second' },
      ]);
    },
    TEST_MS,
  );

  it(
    "signals the loss when the holder's connection is terminated, and frees the lease for another",
    async () => {
      const first = open('first');
      const second = open('second');
      const held = await first.tryAcquire('decision-history');
      expect(held).toBeDefined();
      expect(await second.tryAcquire('decision-history')).toBeUndefined();

      await onDatabase((client) =>
        client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'licences-projector-leases'
             AND pid <> pg_backend_pid()
             AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        ),
      );
      const loss = await held!.lost;
      expect(loss).toMatchObject({ name: 'decision-history', fence: held!.fence });
      expect(loss.reason).toMatch(/lease connection/);
      expect(held!.isHeld()).toBe(false);

      const taken = await eventually(() => second.tryAcquire('decision-history'));
      expect(taken.fence).toBeGreaterThan(held!.fence);
      // The first reconnects on its next try and finds the projection taken.
      expect(await first.tryAcquire('decision-history')).toBeUndefined();
    },
    TEST_MS,
  );

  it(
    'frees the leases of a client whose connection closes, and refuses once closed',
    async () => {
      const first = open('first');
      const second = open('second');
      const held = await first.tryAcquire('revocation-justification');
      expect(held).toBeDefined();
      await first.close();
      expect(held!.isHeld()).toBe(false);
      await expect(first.tryAcquire('revocation-justification')).rejects.toThrow(/closed/);
      const taken = await eventually(() => second.tryAcquire('revocation-justification'));
      expect(taken.fence).toBe(held!.fence + 1);
    },
    TEST_MS,
  );

  it(
    'rejects a try when the database cannot be reached',
    async () => {
      const unreachable = new PostgresProjectionLeases({
        connectionString: `${database.url}_missing`,
      });
      opened.push(unreachable);
      await expect(unreachable.tryAcquire('statistics')).rejects.toThrow(/does not exist/);
    },
    TEST_MS,
  );
});
