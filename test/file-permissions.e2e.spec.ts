import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { caseBody } from './support/cases';
import { APP_START_MS, STOP_MS } from './support/child-processes';
import { CUTOVER, generateHistory } from './import/historical-history';
import { callApi, developmentToken } from './support/process-api';
import { startGuardedApp } from './support/small-disk';
import type { GuardedApp } from './support/small-disk';
import { timeoutAbove } from './support/waiting';

/** Every path under `root` (itself included) with its permission bits, as ls -l shows them. */
function modesUnder(root: string): Record<string, string> {
  const modes: Record<string, string> = {};
  const walk = (path: string) => {
    modes[relative(root, path) || '.'] = (statSync(path).mode & 0o777).toString(8).padStart(4, '0');
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return modes;
}

/** Which paths are not owner-only: 0600 for files, 0700 for folders. */
function widerThanOwner(root: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(modesUnder(root)).filter(([path, mode]) => {
      const folder = statSync(join(root, path)).isDirectory();
      return mode !== (folder ? '0700' : '0600');
    }),
  );
}

describe('file permissions of the data folder', () => {
  const roots: string[] = [];
  let app: GuardedApp | undefined;
  const newRoot = () => {
    const root = mkdtempSync(join(tmpdir(), 'licences-modes-'));
    roots.push(root);
    return root;
  };

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it(
    'creates every file 0600 and every folder 0700: stores, WAL and shared memory, access log, lease, import staging',
    async () => {
      const dataDir = join(newRoot(), 'data');
      app = await startGuardedApp({ LICENCES_DATA_DIR: dataDir, LICENCES_IMPORT_CUTOVER: CUTOVER });
      const created = await callApi(app.baseUrl, 'POST', '/api/licences', {
        token: developmentToken('alice', ['intake']),
        body: caseBody(),
      });
      expect(created.status).toBe(201);
      const read = await callApi(app.baseUrl, 'GET', `/api/licences/${created.body.id as string}`, {
        token: developmentToken('audit-office', ['oversight']),
      });
      expect(read.status).toBe(200);
      const staged = await fetch(`${app.baseUrl}/api/imports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${developmentToken('root', ['admin'])}`,
          'content-type': 'application/x-ndjson',
        },
        body: generateHistory(3, 3, 100).text,
      });
      expect(staged.status).toBe(201);
      expect((await fetch(`${app.baseUrl}/health/ready`)).status).toBe(200);

      const modes = modesUnder(dataDir);
      // The files the issue names are there to be checked, not just absent.
      expect(Object.keys(modes)).toEqual(
        expect.arrayContaining([
          'licences.sqlite',
          'licences.sqlite-wal',
          'licences.sqlite-shm',
          'read-models.sqlite',
          'read-models.sqlite-wal',
          'access-log.sqlite',
          'access-log.sqlite-wal',
          'inline-projections.lease',
          'imports',
        ]),
      );
      expect(Object.keys(modes).some((path) => path.startsWith('imports/'))).toBe(true);
      expect(widerThanOwner(dataDir)).toEqual({});
    },
    timeoutAbove(APP_START_MS, STOP_MS),
  );

  it(
    'narrows files and folders left readable by others at start, with a warning naming each',
    async () => {
      const dataDir = join(newRoot(), 'data');
      mkdirSync(join(dataDir, 'imports'), { recursive: true });
      writeFileSync(join(dataDir, 'imports', 'old.ndjson'), '');
      chmodSync(dataDir, 0o755);
      chmodSync(join(dataDir, 'imports'), 0o755);
      chmodSync(join(dataDir, 'imports', 'old.ndjson'), 0o644);

      app = await startGuardedApp({ LICENCES_DATA_DIR: dataDir });

      expect(widerThanOwner(dataDir)).toEqual({});
      expect(app.output()).toContain(
        `${join(dataDir, 'imports', 'old.ndjson')} was readable by others (0644); narrowed to 0600`,
      );
      expect(app.output()).toContain(`${dataDir} was readable by others (0755); narrowed to 0700`);
    },
    timeoutAbove(APP_START_MS, STOP_MS),
  );
});
