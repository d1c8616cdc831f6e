import { Client } from 'pg';
import type { AccessLogAnchor } from '@licences/licensing-application';
import { PostgresAccessLogBackend } from '../apps/api/src/audit/postgres-access-log.backend';
import {
  createTestDatabase,
  runStatements,
} from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';

jest.setTimeout(60_000);

/*
 * What start-up decides about an access log in PostgreSQL. The log, its anchor and the database
 * can be lost together, so an empty log that was never anchored counts as missing: only a store
 * without events starts a log by itself.
 */
describe('the start-up check of an access log in PostgreSQL', () => {
  let database: TestDatabase;
  let backend: PostgresAccessLogBackend;
  let anchor: AccessLogAnchor;

  beforeEach(async () => {
    database = await createTestDatabase();
    backend = new PostgresAccessLogBackend(database.url);
    anchor = await backend.openAnchor();
  });

  afterEach(async () => {
    await anchor.close();
    await database.drop();
  });

  const inspect = async (eventsHead: number) => {
    const inspection = await backend.inspect(anchor, () => Promise.resolve(eventsHead));
    await inspection.log?.close();
    return inspection.decision;
  };

  /** A log started as the API starts one: record 1 anchored. */
  async function startLog(records: number): Promise<void> {
    const log = await backend.create();
    try {
      for (let n = 0; n < records; n += 1) {
        const record = await log.append({
          kind: n ? 'access' : 'log-started',
          at: '2024-11-28T10:00:00.000Z',
          sub: n ? 'audit-office' : 'system',
          roles: [],
          role: null,
          method: null,
          route: null,
          url: null,
          caseId: null,
          status: null,
          correlationId: null,
          detail: null,
        });
        if (n === 0) await anchor.reset({ origin: record.hash, seq: 1, hash: record.hash });
        else
          await anchor.advance({
            origin: (await anchor.read())?.origin ?? '',
            seq: record.seq,
            hash: record.hash,
          });
      }
    } finally {
      await log.close();
    }
  }

  it('starts a new log on an empty database without events, and refuses one while events exist', async () => {
    expect(await inspect(0)).toEqual({
      action: 'start-new',
      reason: expect.stringContaining('new installation'),
    });
    expect(await inspect(12)).toEqual({
      action: 'refuse',
      problem: expect.stringContaining('while the event store already holds events (head position 12)'),
    });
  });

  it('opens an anchored log, and refuses one cut short or dropped', async () => {
    await startLog(4);
    expect(await inspect(12)).toEqual({ action: 'open' });

    await runStatements(database.url, [
      'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update',
      'DELETE FROM access_log WHERE seq > 2',
    ]);
    expect(await inspect(12)).toEqual({
      action: 'refuse',
      problem: expect.stringMatching(/^the access log is damaged: .*the anchor names record 4/),
    });

    await runStatements(database.url, ['DROP TABLE access_log']);
    expect(await inspect(0)).toEqual({
      action: 'refuse',
      problem: expect.stringMatching(/^the access log is missing, while its anchor names record 4/),
    });
  });

  it('keeps a replaced log whole in a schema of its own', async () => {
    await startLog(3);
    const { log, keptAs } = await backend.replace('2025-03-01T10-00-00-000Z');
    try {
      expect(keptAs).toBe('access_log_replaced_2025_03_01t10_00_00_000z.access_log');
      expect(await log.head()).toBeNull();
    } finally {
      await log.close();
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${keptAs}`);
      expect(rows).toEqual([{ n: 3 }]);
      await expect(client.query(`DELETE FROM ${keptAs}`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
