import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runScriptAsync } from './support/app-process';
import { caseBody } from './support/cases';
import { APP_START_MS, SCRIPT_MS, STOP_MS } from './support/child-processes';
import { developmentToken } from './support/process-api';
import { fullableDisk, readOnlyableDisk, startGuardedApp } from './support/small-disk';
import type { FaultyDisk, GuardedApp } from './support/small-disk';
import { timeoutAbove, waitUntil } from './support/waiting';

const intake = developmentToken('alice', ['intake']);
const oversight = developmentToken('audit-office', ['oversight']);

/** How long the API may take to see that the storage is back (one readiness probe, really). */
const RECOVERY_MS = 30_000;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

async function send(
  app: GuardedApp,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text,
  };
}

/** The same request every time: registering one case under one Idempotency-Key. */
const register = (app: GuardedApp) =>
  send(app, 'POST', '/api/licences', {
    token: intake,
    body: caseBody({ applicant: { name: 'Disk Full B.V.', chamberOfCommerceNumber: '12345678' } }),
    headers: { 'idempotency-key': 'register-while-the-disk-is-full' },
  });

/** What the stores hold, read from copies of the files once the API has stopped. */
function contentsOf(dataDir: string) {
  const copy = mkdtempSync(join(tmpdir(), 'licences-fault-copy-'));
  try {
    for (const file of ['licences.sqlite', 'read-models.sqlite', 'access-log.sqlite']) {
      for (const suffix of ['', '-wal']) {
        if (existsSync(join(dataDir, file + suffix)))
          copyFileSync(join(dataDir, file + suffix), join(copy, file + suffix));
      }
    }
    const query = <T>(file: string, sql: string): T[] => {
      const db = new Database(join(copy, file), { fileMustExist: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    };
    return {
      streams: query<{ stream_id: string; n: number }>(
        'licences.sqlite',
        "SELECT stream_id, COUNT(*) AS n FROM events WHERE stream_id LIKE 'licence-%' GROUP BY stream_id ORDER BY stream_id",
      ),
      urls: query<{ url: string }>('access-log.sqlite', 'SELECT url FROM access_log ORDER BY seq').map(
        (r) => r.url,
      ),
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function expectStorageProblem(answer: Answer, code: string): void {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 503, code });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
}

async function readiness(app: GuardedApp): Promise<Answer> {
  return send(app, 'GET', '/health/ready');
}

describe('a full or read-only disk during a command', () => {
  let disk: FaultyDisk | undefined;
  let app: GuardedApp | undefined;

  afterEach(async () => {
    try {
      await app?.stop();
    } finally {
      app = undefined;
      disk?.release();
      disk = undefined;
    }
  });

  it(
    'answers 503 STORAGE_FULL with nothing stored, is not ready while live, and takes the same request once space is freed',
    async () => {
      disk = fullableDisk(32);
      app = await startGuardedApp({ LICENCES_DATA_DIR: disk.dataDir, ...disk.env }, disk.preload);
      const before = await send(app, 'POST', '/api/licences', { token: intake, body: caseBody() });
      expect(before.status).toBe(201);
      expect((await readiness(app)).status).toBe(200);
      const head = (await send(app, 'GET', '/health')).body.eventStore.headPosition as number;

      disk.fault();
      const refused = await register(app);
      expectStorageProblem(refused, 'STORAGE_FULL');
      const notReady = await readiness(app);
      expectStorageProblem(notReady, 'NOT_READY');
      expect(notReady.body.checks).toContainEqual(
        expect.objectContaining({ name: 'event-store', status: 'failing', code: 'STORAGE_FULL' }),
      );
      expect((await send(app, 'GET', '/health/live')).status).toBe(200);
      // An audited read cannot be recorded, so it is refused (503, never 500).
      const unrecorded = `/api/licences/${before.body.id as string}/history?asOf=2101-01-01T00:00:00Z`;
      const read = await send(app, 'GET', unrecorded, { token: oversight });
      expect(read.status).toBe(503);
      expect(read.body.code).toMatch(/^(ACCESS_AUDIT_UNAVAILABLE|STORAGE_FULL)$/);
      expect((await send(app, 'GET', '/health')).body.eventStore.headPosition).toBe(head);

      disk.mend();
      await waitUntil(
        async () => (await readiness(app!)).status === 200,
        'the API is ready again',
        RECOVERY_MS,
      );
      const accepted = await register(app);
      expect(accepted.status).toBe(201);
      const recorded = `/api/licences/${accepted.body.id as string}/history?asOf=2102-01-01T00:00:00Z`;
      expect((await send(app, 'GET', recorded, { token: oversight })).status).toBe(200);
      // Asked again, the keyed request is answered as the first time, not registered twice.
      expect((await register(app)).body.id).toBe(accepted.body.id);
      await app.stop();
      app = undefined;

      const { streams, urls } = contentsOf(disk.dataDir);
      expect(streams).toEqual(
        [
          { stream_id: `licence-${before.body.id as string}`, n: 1 },
          { stream_id: `licence-${accepted.body.id as string}`, n: 1 },
        ].sort((a, b) => a.stream_id.localeCompare(b.stream_id)),
      );
      expect(urls).toContain(recorded);
      expect(urls).not.toContain(unrecorded);
      const verify = await runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/cli/verify.cli.ts'], {
        LICENCES_DATA_DIR: disk.dataDir,
      });
      expect({ status: verify.status, stdout: verify.stdout }).toEqual({
        status: 0,
        stdout: expect.any(String),
      });
    },
    timeoutAbove(APP_START_MS, RECOVERY_MS, SCRIPT_MS, STOP_MS * 2),
  );

  it(
    'answers 503 STORAGE_READ_ONLY when the file system turns read-only under it, storing nothing, while it stays live',
    async () => {
      disk = readOnlyableDisk();
      app = await startGuardedApp({ LICENCES_DATA_DIR: disk.dataDir, ...disk.env }, disk.preload);
      const before = await send(app, 'POST', '/api/licences', { token: intake, body: caseBody() });
      expect(before.status).toBe(201);
      const head = (await send(app, 'GET', '/health')).body.eventStore.headPosition as number;

      disk.fault();
      expectStorageProblem(await register(app), 'STORAGE_READ_ONLY');
      const notReady = await readiness(app);
      expect(notReady.status).toBe(503);
      expect(notReady.body.checks).toContainEqual(
        expect.objectContaining({ name: 'event-store', status: 'failing', code: 'STORAGE_READ_ONLY' }),
      );
      expect((await send(app, 'GET', '/health/live')).status).toBe(200);
      expect((await send(app, 'GET', '/health')).body.eventStore.headPosition).toBe(head);
      await app.stop();
      app = undefined;

      expect(contentsOf(disk.dataDir).streams).toEqual([
        { stream_id: `licence-${before.body.id as string}`, n: 1 },
      ]);
    },
    timeoutAbove(APP_START_MS, STOP_MS * 2),
  );
});
