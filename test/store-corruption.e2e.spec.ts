import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { corruptMiddlePage, quickCheck } from '../libs/event-store/adapters/sqlite/src/testing/corrupt-page';
import { SEAL_FILE } from '../apps/api/src/config/store-seal';
import {
  API_MAIN,
  DEVELOPMENT_PROCESS_ENV,
  freePort,
  kill,
  runScriptAsync,
  startAppProcess,
} from './support/app-process';
import { APP_START_MS, STOP_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';

/** An event store of `cases` streams of a few events each, written and closed by the adapter. */
async function buildEventStore(file: string, cases: number): Promise<void> {
  const store = SqliteEventStore.open({ file });
  try {
    for (let n = 0; n < cases; n += 1) {
      await store.append(
        `note-${n}`,
        [1, 2, 3].map((step) => ({
          id: `00000000-0000-4000-8000-${String(n * 10 + step).padStart(12, '0')}`,
          type: 'Noted',
          schemaVersion: 1,
          data: { step, text: `note ${n} step ${step} `.repeat(20) },
          metadata: {
            occurredAt: '2025-01-01T00:00:00.000Z',
            actor: { sub: 'tester', role: 'intake' as const },
            correlationId: `note-${n}`,
            causationId: `note-${n}`,
          },
        })),
        'no-stream',
      );
    }
  } finally {
    await store.close();
  }
}

/** Starts the API as `npm start` does and asks it to refuse: its exit status and stderr. */
async function startRefused(dataDir: string): Promise<{ status: number | null; refusals: string[] }> {
  const started = await runScriptAsync(
    [...API_MAIN],
    {
      ...DEVELOPMENT_PROCESS_ENV,
      LICENCES_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    },
    APP_START_MS,
  );
  return {
    status: started.status,
    refusals: started.stderr.split('\n').filter((line) => line.startsWith('Refusing to start: ')),
  };
}

/** Runs the API on `dataDir` until it serves, stops it with SIGTERM: its log lines, and its exit code. */
async function runAndStop(dataDir: string): Promise<{ log: string; exitCode: number | null }> {
  const app = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
  try {
    await kill(app.child, 'SIGTERM');
  } finally {
    await kill(app.child, 'SIGKILL');
  }
  return { log: app.output(), exitCode: app.child.exitCode };
}

describe('a damaged store at start', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function dataFolder(): string {
    const root = mkdtempSync(join(tmpdir(), 'licences-corrupt-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    return dataDir;
  }

  it(
    'is found after a clean stop too: the seal of a clean exit spares the next start the full check only while nothing changes the file',
    async () => {
      const dataDir = dataFolder();
      const events = join(dataDir, 'licences.sqlite');
      // The API makes its stores and its access log; the events then come in while it is down.
      expect((await runAndStop(dataDir)).exitCode).toBe(0);
      await buildEventStore(events, 300);

      const first = await runAndStop(dataDir);
      expect(first.exitCode).toBe(0);
      expect(first.log).toContain('checked in full (SQLite quick_check): licences.sqlite');
      const seal = JSON.parse(readFileSync(join(dataDir, SEAL_FILE), 'utf8')) as { files: object };
      expect(Object.keys(seal.files).sort()).toEqual([
        'access-log.sqlite',
        'licences.sqlite',
        'read-models.sqlite',
      ]);

      const second = await runAndStop(dataDir);
      expect(second.exitCode).toBe(0);
      expect(second.log).toContain('licences.sqlite unchanged since this product closed it cleanly');
      expect(second.log).not.toContain('checked in full');

      corruptMiddlePage(events);
      const third = await startRefused(dataDir);
      expect(third.status).not.toBe(0);
      expect(third.refusals).toHaveLength(1);
      expect(third.refusals[0]).toContain('licences.sqlite (the event store');
      expect(existsSync(join(dataDir, SEAL_FILE))).toBe(true);
    },
    timeoutAbove(APP_START_MS, STOP_MS, APP_START_MS, STOP_MS, APP_START_MS, STOP_MS, APP_START_MS),
  );

  it(
    'makes the server refuse to start with one line pointing at npm run verify and npm run restore',
    async () => {
      const dataDir = dataFolder();
      const events = join(dataDir, 'licences.sqlite');
      await buildEventStore(events, 300);
      expect(quickCheck(events)).toBe('ok');
      const page = corruptMiddlePage(events);
      expect(page).toBeGreaterThan(1);

      const started = await startRefused(dataDir);

      expect(started.status).not.toBe(0);
      expect(started.refusals).toHaveLength(1);
      expect(started.refusals[0]).toContain(`licences.sqlite (the event store`);
      expect(started.refusals[0]).toContain('npm run verify');
      expect(started.refusals[0]).toContain('npm run restore');
      expect(started.refusals[0]).toContain('Backup and restore');
    },
    timeoutAbove(APP_START_MS),
  );
});
