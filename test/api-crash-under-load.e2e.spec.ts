import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { licenceStreamId, verifyIntegrity } from '@licences/licensing-application';
import { startAppProcess } from './support/app-process';
import { APP_START_MS, STOP_MS, stopProcess } from './support/child-processes';
import { caseBody } from './support/cases';
import { developmentToken } from './support/process-api';
import { timeoutAbove } from './support/waiting';

const CLIENTS = 16;
/** Enough registrations that many were group-committed together before the kill. */
const ANSWERED_BEFORE_KILL = 300;
/** From a healthy API to 300 answered registrations (about 3 s on an idle machine). */
const LOAD_MS = 120_000;

describe('the API killed with SIGKILL under concurrent commands', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'licences-crash-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `keeps every case answered 201 to ${CLIENTS} clients when the process is killed mid-load`,
    async () => {
      const app = await startAppProcess({ LICENCES_DATA_DIR: dataDir }, { readyPath: '/health/ready' });
      const token = developmentToken('intake-crash', ['intake']);
      const answered: string[] = [];
      const refusals: string[] = [];
      let stop = false;
      // Driven by the answers themselves: the test goes on the moment enough have come.
      let enoughAnswered: () => void = () => undefined;
      const enough = new Promise<void>((resolve) => (enoughAnswered = resolve));
      const client = async (): Promise<void> => {
        while (!stop) {
          let response: Response;
          try {
            response = await fetch(`${app.baseUrl}/api/licences`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(caseBody()),
            });
          } catch {
            return; // the process is gone
          }
          const body = (await response.json().catch(() => ({}))) as { id?: string };
          if (response.status === 201 && body.id) {
            answered.push(body.id);
            if (answered.length >= ANSWERED_BEFORE_KILL) enoughAnswered();
          } else {
            refusals.push(`${response.status} ${JSON.stringify(body)}`);
          }
        }
      };

      let clients: Promise<void[]> | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        clients = Promise.all(Array.from({ length: CLIENTS }, client));
        const exited = new Promise<never>((_, reject) =>
          app.child.once('exit', (code) => reject(new Error(`The API exited with ${code}: ${app.output()}`))),
        );
        // Once the test kills it on purpose, its exit is no failure of anything still waiting.
        exited.catch(() => undefined);
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${answered.length} of ${ANSWERED_BEFORE_KILL} answered: ${refusals[0]}`)),
            LOAD_MS,
          );
        });
        await Promise.race([enough, exited, timedOut]);
      } finally {
        clearTimeout(timer);
        await stopProcess(app.child, 'SIGKILL');
        stop = true;
        await clients;
      }
      expect(app.child.signalCode).toBe('SIGKILL');

      expect(refusals).toEqual([]);
      expect(answered.length).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);
      const store = SqliteEventStore.open({ file: join(dataDir, 'licences.sqlite') });
      try {
        const missing: string[] = [];
        for (const id of answered) {
          if ((await store.readStream(licenceStreamId(id))).length === 0) missing.push(id);
        }
        expect(missing).toEqual([]);
        expect(await verifyIntegrity(store)).toMatchObject({ intact: true });
      } finally {
        await store.close();
      }
    },
    timeoutAbove(APP_START_MS, LOAD_MS, STOP_MS),
  );
});
