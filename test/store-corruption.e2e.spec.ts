import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@licences/event-store-sqlite';
import { corruptMiddlePage, quickCheck } from '../libs/event-store/adapters/sqlite/src/testing/corrupt-page';
import { API_MAIN, DEVELOPMENT_PROCESS_ENV, freePort, runScriptAsync } from './support/app-process';
import { APP_START_MS } from './support/child-processes';
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

describe('a damaged store at start', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(
    'makes the server refuse to start with one line pointing at npm run verify and npm run restore',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'licences-corrupt-'));
      dirs.push(root);
      const dataDir = join(root, 'data');
      mkdirSync(dataDir);
      const events = join(dataDir, 'licences.sqlite');
      await buildEventStore(events, 300);
      expect(quickCheck(events)).toBe('ok');
      const page = corruptMiddlePage(events);
      expect(page).toBeGreaterThan(1);

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

      expect(started.status).not.toBe(0);
      const lines = started.stderr.split('\n').filter((line) => line.startsWith('Refusing to start: '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`licences.sqlite (the event store`);
      expect(lines[0]).toContain('npm run verify');
      expect(lines[0]).toContain('npm run restore');
      expect(lines[0]).toContain('Backup and restore');
    },
    timeoutAbove(APP_START_MS),
  );
});
