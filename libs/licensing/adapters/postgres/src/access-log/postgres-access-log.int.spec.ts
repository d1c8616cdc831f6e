import { Client } from 'pg';
import { AccessLogUnavailableError, verifyAccessLog } from '@licences/licensing-application';
import type { AccessLogEntry } from '@licences/licensing-application';
import { createTestDatabase, runStatements } from '../testing/postgres-test-database';
import type { TestDatabase } from '../testing/postgres-test-database';
import { PostgresAccessLog } from './postgres-access-log.adapter';
import { PostgresAccessLogAnchor } from './postgres-access-log-anchor.adapter';

jest.setTimeout(120_000);

function access(sub: string, n: number): AccessLogEntry {
  return {
    kind: 'access',
    at: `2024-11-28T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    sub,
    roles: ['oversight', 'admin'],
    role: 'oversight',
    method: 'GET',
    route: '/api/licences/:id/history',
    url: `/api/licences/case-${n}/history?x=${n}`,
    caseId: `case-${n}`,
    status: 200,
    correlationId: n % 2 ? `corr-${n}` : null,
    detail: null,
  };
}

describe('PostgresAccessLog (real PostgreSQL)', () => {
  let database: TestDatabase;
  const opened: { close(): Promise<void> }[] = [];
  async function openLog(writeBudgetMs?: number): Promise<PostgresAccessLog> {
    const log = await PostgresAccessLog.open({
      connectionString: database.url,
      ...(writeBudgetMs !== undefined && { writeBudgetMs }),
    });
    opened.push(log);
    return log;
  }

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await database.drop();
  });

  it('chains its records so that the verifier passes, and lists them newest first with filters', async () => {
    const log = await openLog();
    for (let n = 1; n <= 5; n += 1) await log.append(access(n % 2 ? 'alice' : 'bob', n));
    await log.append({ ...access('carol', 6), detail: { reason: 'ünïcode ✓', nested: { b: 1, a: [2] } } });

    const report = await verifyAccessLog(log, null);
    expect(report).toMatchObject({ intact: true, recordsChecked: 6, head: { seq: 6 } });
    expect((await log.head())?.detail).toEqual({ reason: 'ünïcode ✓', nested: { b: 1, a: [2] } });
    const alice = await log.list({ sub: 'alice' }, { offset: 0, limit: 2 });
    expect(alice.total).toBe(3);
    expect(alice.items.map((r) => r.seq)).toEqual([5, 3]);
    const window = await log.list(
      { caseId: 'case-2', from: '2024-11-28T10:00:00.000Z' },
      { offset: 0, limit: 10 },
    );
    expect(window.items.map((r) => r.seq)).toEqual([2]);
    expect(await log.seqsWithHash(window.items[0]?.hash ?? '')).toEqual([2]);
  });

  it('forms one unbroken chain from two replicas appending at once', async () => {
    // A hundred appends at once queue for each pool's connections: on a busy machine the last
    // waits longer than the 2 s a request may (that refusal is tested below). This is about the chain.
    const [first, second] = [await openLog(60_000), await openLog(60_000)];
    await Promise.all([
      Promise.all(Array.from({ length: 100 }, (_, n) => first.append(access('replica-1', n)))),
      Promise.all(Array.from({ length: 100 }, (_, n) => second.append(access('replica-2', n)))),
    ]);

    const records = await first.readAfter(0, 1000);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.sub))).toEqual(new Set(['replica-1', 'replica-2']));
    const report = await verifyAccessLog(second, null);
    expect(report).toMatchObject({ intact: true, recordsChecked: 200 });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const log = await openLog();
    await log.append(access('alice', 1));
    for (const statement of [
      "UPDATE access_log SET sub = 'mallory'",
      'DELETE FROM access_log',
      'TRUNCATE access_log',
    ]) {
      await expect(runStatements(database.url, [statement])).rejects.toThrow(/append-only/);
    }
    expect(await verifyAccessLog(log, null)).toMatchObject({ intact: true, recordsChecked: 1 });
  });

  it('refuses to append after its newest records were removed behind its back', async () => {
    const log = await openLog();
    for (let n = 1; n <= 3; n += 1) await log.append(access('alice', n));
    await runStatements(database.url, [
      'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update',
      'DELETE FROM access_log WHERE seq > 1',
      'ALTER TABLE access_log ENABLE TRIGGER access_log_no_update',
    ]);

    await expect(log.append(access('alice', 4))).rejects.toThrow(/ends at record 1, but record 3/);
    expect((await log.head())?.seq).toBe(1);
  });

  it('is reported cut short against its anchor', async () => {
    const log = await openLog();
    const anchor = await PostgresAccessLogAnchor.open({ connectionString: database.url });
    opened.push(anchor);
    const records = [];
    for (let n = 1; n <= 4; n += 1) records.push(await log.append(access('alice', n)));
    const [first, , , last] = records;
    if (!first || !last) throw new Error('four records were appended');
    await anchor.reset({ origin: first.hash, seq: last.seq, hash: last.hash });
    await runStatements(database.url, [
      'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update',
      'DELETE FROM access_log WHERE seq > 2',
    ]);

    const report = await verifyAccessLog(log, await anchor.read());
    expect(report.intact).toBe(false);
    expect(report.head?.seq).toBe(2);
    expect(report.anchor?.matches).toBe(false);
  });

  it('fails with AccessLogUnavailableError, within its bound, when the server cannot be reached', async () => {
    const log = await openLog();
    await log.append(access('alice', 1));
    const unreachable = await PostgresAccessLog.open({ connectionString: database.url, writeBudgetMs: 500 });
    opened.push(unreachable);
    // The server ends every connection of this database: the next append must connect anew.
    await runStatements(database.url.replace(/\/[^/]+$/, '/postgres'), [
      `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`,
    ]);
    try {
      await expect(unreachable.append(access('alice', 2))).rejects.toBeInstanceOf(AccessLogUnavailableError);
    } finally {
      await runStatements(database.url.replace(/\/[^/]+$/, '/postgres'), [
        `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`,
      ]);
    }
  });

  it('fails with AccessLogUnavailableError when another writer holds the log locked past the bound', async () => {
    const log = await PostgresAccessLog.open({ connectionString: database.url, writeBudgetMs: 300 });
    opened.push(log);
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE');
      await expect(log.append(access('alice', 1))).rejects.toThrow(/could not be written within 300 ms/);
      await holder.query('ROLLBACK');
      // Nothing of the refused append stayed: the next record is the first. (Appended through a log
      // with the default bound, which a busy machine's new connection cannot overrun as 300 ms could.)
      await expect((await openLog()).append(access('alice', 1))).resolves.toMatchObject({ seq: 1 });
    } finally {
      await holder.end();
    }
  });
});
