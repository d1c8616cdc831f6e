import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { kill, startAppProcess } from './support/app-process';
import { caseBody } from './support/cases';
import { APP_START_MS, STOP_MS } from './support/child-processes';
import { callApi, developmentToken } from './support/process-api';
import { timeoutAbove } from './support/waiting';

/** How long an audited request may retry a locked log before it is refused (the adapter's bound, with room). */
const REFUSAL_MS = 20_000;

describe('the access audit while another process holds its file locked', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'licences-audit-lock-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'refuses reads with 503 ACCESS_AUDIT_UNAVAILABLE, keeps serving, stays up, and loses no record once the lock is released',
    async () => {
      const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      let lock: Database.Database | undefined;
      const release = () => {
        lock?.exec('ROLLBACK');
        lock?.close();
        lock = undefined;
      };
      try {
        const call = (method: string, path: string, token?: string, body?: unknown) =>
          callApi(api.baseUrl, method, path, {
            ...(token && { token }),
            ...(body !== undefined && { body }),
          });
        const oversight = developmentToken('audit-office', ['oversight']);
        const admin = developmentToken('root', ['admin']);
        const created = await call(
          'POST',
          '/api/licences',
          developmentToken('alice', ['intake']),
          caseBody(),
        );
        expect(created.status).toBe(201);
        const read = () => call('GET', `/api/licences/${created.body.id as string}`, oversight);
        const answered = [await read(), await read()];

        lock = new Database(join(dataDir, 'access-log.sqlite'));
        lock.exec('BEGIN EXCLUSIVE');
        const refusedReads = Promise.all([read(), read(), read()]);
        // Give the reads time to reach the log, then ask what is not audited.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const health = await call('GET', '/health');
        const intake = await call(
          'GET',
          `/api/licences/${created.body.id as string}`,
          developmentToken('alice', ['intake']),
        );
        const refused = await refusedReads;

        expect(health.status).toBe(200);
        // The audited reads wait for the lock asynchronously: the server goes on answering.
        expect(health.ms).toBeLessThan(1500);
        expect(intake.status).toBe(200);
        for (const answer of refused) {
          expect(answer.status).toBe(503);
          expect(answer.body).toMatchObject({ code: 'ACCESS_AUDIT_UNAVAILABLE' });
          expect(answer.body.detail).toContain('another connection held the access log locked');
          expect(JSON.stringify(answer.body)).not.toContain('Thales');
          expect(answer.ms).toBeLessThan(REFUSAL_MS);
        }
        expect(api.child.exitCode).toBeNull();

        // A read that arrives while the lock is held is answered once the lock goes within its bound.
        const waiting = read();
        setTimeout(release, 200);
        answered.push(await waiting);
        answered.push(await read(), await read());
        expect(answered.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);

        const log = await call('GET', '/api/oversight/access-log?pageSize=500', admin);
        const accesses = (log.body.items as { kind: string; status: number; sub: string }[]).filter(
          (item) => item.kind === 'access',
        );
        // Every answered read has its record; no refused one left a record (or data) behind.
        expect(accesses).toHaveLength(answered.length);
        expect(accesses.every((r) => r.status === 200 && r.sub === 'audit-office')).toBe(true);
        const integrity = await call('GET', '/api/oversight/integrity', admin);
        expect(integrity.body.accessLog).toMatchObject({ intact: true, recordsChecked: answered.length + 1 });
        expect(api.child.exitCode).toBeNull();
      } finally {
        release();
        await kill(api.child, 'SIGTERM');
      }
    },
    timeoutAbove(APP_START_MS, REFUSAL_MS, STOP_MS),
  );
});
