import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createTestDatabase,
  runStatements,
} from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import type { TestDatabase } from '../libs/licensing/adapters/postgres/src/testing/postgres-test-database';
import { EsdbStandIn } from './esdb-stand-in/esdb-stand-in';
import {
  DEVELOPMENT_PROCESS_ENV,
  freePort,
  kill,
  runScriptAsync,
  startAppProcess,
} from './support/app-process';
import { caseBody } from './support/cases';
import { APP_START_MS, SCRIPT_MS, STOP_MS } from './support/child-processes';
import { callApi, developmentToken } from './support/process-api';
import { timeoutAbove } from './support/waiting';

/*
 * Two API replicas, each with a data folder of its own, sharing the events (the EventStoreDB
 * stand-in, in this process) and one PostgreSQL database (LICENCES_READ_STORE=postgres), as the
 * compose deployment runs them: the access log is one chain whichever replica answered, and an
 * idempotent retry reaching the other replica gets the first answer.
 */

const admin = developmentToken('root', ['admin']);
const intake = developmentToken('alice', ['intake']);

interface Replica {
  readonly child: Parameters<typeof kill>[0];
  readonly baseUrl: string;
}

/** A POST with an Idempotency-Key (callApi sends none). */
async function postWithKey(baseUrl: string, path: string, key: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${intake}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the access audit and idempotency records shared on PostgreSQL', () => {
  let database: TestDatabase;
  let standIn: EsdbStandIn;
  const dirs: string[] = [];
  const running: Replica[] = [];

  const envFor = (dataDir: string): Record<string, string> => ({
    LICENCES_DATA_DIR: dataDir,
    LICENCES_READ_STORE: 'postgres',
    DATABASE_URL: database.url,
    LICENCES_EVENT_STORE: 'esdb',
    EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
  });
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-audit-pg-'));
    dirs.push(dir);
    return dir;
  };
  async function startReplica(dataDir = newDir()): Promise<Replica> {
    const replica = await startAppProcess(envFor(dataDir));
    running.push(replica);
    return replica;
  }
  async function stopAll(): Promise<void> {
    for (const replica of running.splice(0)) await kill(replica.child, 'SIGTERM');
  }
  const accessLog = async (replica: Replica) => {
    const answer = await callApi(replica.baseUrl, 'GET', '/api/oversight/access-log?pageSize=500', {
      token: admin,
    });
    expect(answer.status).toBe(200);
    return answer.body as { total: number; items: Record<string, any>[] };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await EsdbStandIn.start();
  });

  afterEach(stopAll, STOP_MS * 3);

  afterAll(async () => {
    await standIn.stop();
    await database.drop();
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it(
    'keeps one chain for accesses through both replicas, and answers a retry on the other replica with the first answer',
    async () => {
      // Started at once on an empty database: one of them starts the log, the other opens it.
      const [first, second] = await Promise.all([startReplica(), startReplica()]);

      const created = await postWithKey(first.baseUrl, '/api/licences', 'retry-1', caseBody());
      expect(created.status).toBe(201);
      const id = created.body['id'] as string;
      const retried = await postWithKey(second.baseUrl, '/api/licences', 'retry-1', caseBody());
      expect(retried).toEqual(created);
      const applied = standIn.events.filter((e) => e.type === 'Applied');
      expect(applied.map((e) => e.streamName)).toEqual([`licence-${id}`]);
      const [stored] = await runStatements(database.url, [
        'SELECT principal, idempotency_key FROM idempotency_keys',
      ]);
      expect(stored).toEqual([{ principal: 'alice', idempotency_key: 'retry-1' }]);

      const read = (replica: Replica, sub: string, n: number) =>
        callApi(replica.baseUrl, 'GET', `/api/licences/${id}/history?asOf=${2100 + n}-01-01T00:00:00Z`, {
          token: developmentToken(sub, ['oversight']),
        });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          read(n % 2 ? second : first, n % 2 ? 'auditor-2' : 'auditor-1', n),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));

      const log = await accessLog(second);
      expect(log.items.map((r) => r.seq)).toEqual(Array.from({ length: log.total }, (_, i) => log.total - i));
      expect(log.items.filter((r) => r.kind === 'log-started')).toHaveLength(1);
      expect(log.items.at(-1)).toMatchObject({ seq: 1, kind: 'log-started' });
      const subs = log.items.filter((r) => r.kind === 'access').map((r) => r.sub as string);
      expect(subs.filter((s) => s === 'auditor-1')).toHaveLength(10);
      expect(subs.filter((s) => s === 'auditor-2')).toHaveLength(10);

      for (const replica of [first, second]) {
        const ready = await callApi(replica.baseUrl, 'GET', '/health/ready');
        expect(JSON.stringify(ready.body)).not.toContain(database.url);
        expect(ready.body.checks).toContainEqual({ name: 'access-audit', status: 'ok' });
        const integrity = await callApi(replica.baseUrl, 'GET', '/api/oversight/integrity', { token: admin });
        expect(integrity.status).toBe(200);
        expect(integrity.body.accessLog).toMatchObject({ intact: true, recordsChecked: log.total });
      }
    },
    timeoutAbove(2 * APP_START_MS, 2 * STOP_MS),
  );

  it(
    'refuses an audited read (503) while the shared log cannot be written within its bound, and records only what it answered',
    async () => {
      const replica = await startReplica();
      const auditor = developmentToken('audit-office', ['oversight']);
      const read = () => callApi(replica.baseUrl, 'GET', '/api/licences', { token: auditor });
      expect((await read()).status).toBe(200);
      const before = (await accessLog(replica)).total;

      const holder = new Client({ connectionString: database.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE');
        const refused = await read();
        expect(refused.status).toBe(503);
        expect(refused.body).toMatchObject({ code: 'ACCESS_AUDIT_UNAVAILABLE' });
        expect(JSON.stringify(refused.body)).not.toContain(database.url);
        await holder.query('ROLLBACK');
      } finally {
        await holder.end();
      }

      expect((await read()).status).toBe(200);
      const log = await accessLog(replica);
      expect(log.total).toBe(before + 1);
      expect(log.items[0]).toMatchObject({ seq: before + 1, sub: 'audit-office', status: 200 });
    },
    timeoutAbove(APP_START_MS, STOP_MS),
  );

  it(
    'refuses to start on a log whose records were cut, naming the acknowledge command, and serves again once acknowledged',
    async () => {
      const replica = await startReplica();
      const auditor = developmentToken('audit-office', ['oversight']);
      for (let n = 0; n < 3; n += 1) {
        expect(
          (
            await callApi(
              replica.baseUrl,
              'GET',
              `/api/licences?destination=${['DE', 'FR', 'NL'][n] ?? 'DE'}`,
              { token: auditor },
            )
          ).status,
        ).toBe(200);
      }
      const before = (await accessLog(replica)).total;
      await stopAll();

      await runStatements(database.url, [
        'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update',
        'DELETE FROM access_log WHERE seq > 2',
      ]);
      const dataDir = newDir();
      const verify = () =>
        runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/cli/verify.cli.ts'], envFor(dataDir));
      const cut = await verify();
      expect(cut.status).toBe(2);
      expect(cut.stdout).toMatch(
        /Access log PostgreSQL database 127\.0\.0\.1:\d+\/licences_test_\w+, table access_log/,
      );
      expect(cut.stdout).toContain('first problem:    removed at record 3');
      const refused = await runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
        ...DEVELOPMENT_PROCESS_ENV,
        ...envFor(dataDir),
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /^Refusing to start: the access log is damaged: .*the anchor names record \d+.*PostgreSQL database licences_test_\w+ .*npm run access-log -- acknowledge-new --by <admin> --reason "<why>"$/m,
      );

      const acknowledge = () =>
        runScriptAsync(
          [
            '-r',
            './tools/register.cjs',
            'apps/api/src/cli/access-log.cli.ts',
            'acknowledge-new',
            '--by',
            'carol',
            '--reason',
            'cut by a test',
          ],
          envFor(dataDir),
        );
      const acknowledged = await acknowledge();
      expect(acknowledged.status).toBe(0);
      const kept = /The old log is kept as (access_log_replaced_\w+)\.access_log\.\n/.exec(
        acknowledged.stdout,
      )?.[1];
      expect(kept).toBeDefined();
      const [evidence] = await runStatements(database.url, [
        `SELECT count(*)::int AS n FROM ${kept}.access_log`,
      ]);
      expect(evidence).toEqual([{ n: 2 }]);
      const again = await acknowledge();
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('Nothing to acknowledge: the access log is in order');

      const restarted = await startReplica(dataDir);
      const log = await accessLog(restarted);
      expect(log.items).toEqual([
        expect.objectContaining({
          seq: 1,
          kind: 'new-log-acknowledged',
          sub: 'carol',
          detail: expect.objectContaining({
            reason: 'cut by a test',
            found: expect.stringMatching(/^the access log is damaged/),
            anchor: expect.objectContaining({ seq: expect.any(Number) }),
            previousLogKeptAs: `${kept}.access_log`,
          }),
        }),
      ]);
      expect(before).toBeGreaterThan(2);
      const integrity = await callApi(restarted.baseUrl, 'GET', '/api/oversight/integrity', { token: admin });
      expect(integrity.body.accessLog).toMatchObject({ intact: true });
      await stopAll();
      const verified = await verify();
      expect(verified.stdout).toMatch(/\n {2}result: {11}INTACT\n {2}records checked: {2}1\n/);
    },
    timeoutAbove(2 * APP_START_MS, 2 * STOP_MS, 5 * SCRIPT_MS),
  );
});
