import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId } from '@licences/licensing-application';
import { startAppProcess } from './support/app-process';
import { APP_START_MS, STOP_MS, stopProcess } from './support/child-processes';
import { caseBody } from './support/cases';
import { logLines } from './support/log-lines';
import { developmentToken } from './support/process-api';
import { timeoutAbove, waitUntil } from './support/waiting';

const CLIENTS = 6;

/** What one client saw: the cases whose registration was acknowledged, and how it ended. */
interface ClientRecord {
  readonly acknowledged: string[];
  readonly refusals: { status: number; code?: string }[];
  ended?: string;
}

describe('graceful shutdown (the API as a process, under load)', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-shutdown-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'on SIGTERM stops taking requests, answers those in flight, exits 0, and every acknowledged command is stored',
    async () => {
      const app = await startAppProcess({ LICENCES_DATA_DIR: dataDir }, { readyPath: '/health/ready' });
      const token = developmentToken('intake-under-load', ['intake']);
      let stop = false;
      const records: ClientRecord[] = [];
      // Each client sends registrations one after the other until the API stops answering.
      const client = async (record: ClientRecord): Promise<void> => {
        while (!stop) {
          let response: Response;
          try {
            response = await fetch(`${app.baseUrl}/api/licences`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(caseBody()),
            });
          } catch (error) {
            record.ended = `connection: ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`;
            return;
          }
          const body = (await response.json().catch(() => ({}))) as { id?: string; code?: string };
          if (response.status === 201 && body.id) {
            record.acknowledged.push(body.id);
          } else {
            record.refusals.push({ status: response.status, ...(body.code && { code: body.code }) });
            if (response.status === 503) {
              record.ended = `503 ${body.code ?? ''}`;
              return;
            }
          }
        }
        record.ended = 'stopped by the test';
      };
      let exitCode: number | null = null;
      let running: Promise<void[]> | undefined;
      try {
        for (let i = 0; i < CLIENTS; i++) records.push({ acknowledged: [], refusals: [] });
        running = Promise.all(records.map(client));
        const acknowledged = () => records.reduce((sum, r) => sum + r.acknowledged.length, 0);
        await waitUntil(() => acknowledged() >= 30, 'the clients have 30 commands acknowledged', 60_000);

        const exited = new Promise<number | null>((resolve) =>
          app.child.once('exit', (code) => resolve(code)),
        );
        app.child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        exitCode = await Promise.race([
          exited,
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), STOP_MS))),
        ]);
        clearTimeout(timer);
        await waitUntil(() => records.every((r) => r.ended !== undefined), 'every client stopped', 30_000);
      } finally {
        stop = true;
        await running;
        await stopProcess(app.child, 'SIGKILL');
      }

      expect(exitCode).toBe(0);
      for (const record of records) {
        // Only the end of the service: a 503 saying so, or no connection; never another refusal.
        expect(record.refusals.filter((r) => r.status !== 503)).toEqual([]);
        expect(record.refusals.every((r) => r.code === 'SHUTTING_DOWN')).toBe(true);
        expect(record.ended).toMatch(/^(503 SHUTTING_DOWN|connection: )/);
      }
      const shutdownLines = logLines(app.output()).filter((line) => line.context === 'Shutdown');
      expect(shutdownLines.map((line) => line.msg).join('\n')).toMatch(
        /^Shutting down: \d+ request\(s\) in flight/,
      );

      // Every command answered 201 is in the event store.
      const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
      try {
        const acknowledged = records.flatMap((r) => r.acknowledged);
        expect(acknowledged.length).toBeGreaterThanOrEqual(30);
        const missing: string[] = [];
        for (const id of acknowledged) {
          const events = await store.readStream(licenceStreamId(id));
          if (events.length !== 1) missing.push(id);
        }
        expect(missing).toEqual([]);
      } finally {
        await store.close();
      }
    },
    timeoutAbove(APP_START_MS, 60_000, STOP_MS, 30_000),
  );

  it(
    'answers a command in flight when the signal comes, and refuses what comes after it on the same connection',
    async () => {
      const hold = join(dataDir, 'hold-appends');
      const app = await startAppProcess(
        { LICENCES_DATA_DIR: dataDir, LICENCES_TEST_HOLD_APPENDS: hold },
        { readyPath: '/health/ready', preload: ['-r', './test/fixtures/held-appends.preload.ts'] },
      );
      const token = developmentToken('intake-in-flight', ['intake']);
      let exitCode: number | null = null;
      try {
        // The connection the test's next requests reuse (keep-alive), opened before the signal.
        expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(200);
        writeFileSync(hold, '');
        const inFlight = fetch(`${app.baseUrl}/api/licences`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(caseBody()),
        });
        await waitUntil(() => existsSync(`${hold}.waiting`), 'the command waits in its append', 30_000);
        const exited = new Promise<number | null>((resolve) =>
          app.child.once('exit', (code) => resolve(code)),
        );
        app.child.kill('SIGTERM');
        await waitUntil(
          () => logLines(app.output()).some((line) => line.msg === 'Shutting down: 1 request(s) in flight'),
          'the API says it is shutting down with the command in flight',
          30_000,
        );
        // Readiness and a new command after the signal: 503 SHUTTING_DOWN, or no connection at all.
        for (const path of ['/health/ready', '/api/licences']) {
          const answer = await fetch(`${app.baseUrl}${path}`, {
            method: path === '/health/ready' ? 'GET' : 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(path !== '/health/ready' && { body: JSON.stringify(caseBody()) }),
          }).then(
            async (response) => ({
              status: response.status,
              connection: response.headers.get('connection'),
              body: (await response.json()) as { code?: string },
            }),
            () => 'no connection' as const,
          );
          if (answer !== 'no connection') {
            expect(answer).toMatchObject({
              status: 503,
              connection: 'close',
              body: { code: 'SHUTTING_DOWN' },
            });
          }
        }
        expect(app.child.exitCode).toBeNull();

        rmSync(hold);
        const answered = await inFlight;
        expect(answered.status).toBe(201);
        const { id } = (await answered.json()) as { id: string };
        exitCode = await exited;

        const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
        try {
          expect(await store.readStream(licenceStreamId(id))).toHaveLength(1);
          // Nothing refused after the signal was stored: the one case is the whole store.
          expect(await store.headPosition()).toBe(1);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(hold, { force: true });
        await stopProcess(app.child, 'SIGKILL');
      }
      expect(exitCode).toBe(0);
    },
    timeoutAbove(APP_START_MS, 30_000, 30_000, STOP_MS),
  );
});
