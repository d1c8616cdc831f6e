import { existsSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

const oversight = developmentToken('audit-office', ['oversight']);
const admin = developmentToken('root', ['admin']);

/** Starts the API on `dataDir`, makes `reads` oversight reads of one case, and stops it. */
async function serveReads(dataDir: string, reads: number): Promise<void> {
  const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
  try {
    const created = await callApi(api.baseUrl, 'POST', '/api/licences', {
      token: developmentToken('alice', ['intake']),
      body: caseBody(),
    });
    for (let n = 0; n < reads; n += 1) {
      const path = `/api/licences/${created.body.id as string}${n ? `/history?asOf=210${n}-01-01T00:00:00Z` : ''}`;
      expect((await callApi(api.baseUrl, 'GET', path, { token: oversight })).status).toBe(200);
    }
  } finally {
    await kill(api.child, 'SIGTERM');
  }
}

/** `npm start` on `dataDir`, for a start that is expected to be refused (it exits). */
async function startRefused(dataDir: string) {
  const port = await freePort();
  return runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
    ...DEVELOPMENT_PROCESS_ENV,
    LICENCES_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
}

const script = (dataDir: string, cli: string, ...args: string[]) =>
  runScriptAsync(['-r', './tools/register.cjs', `apps/api/src/cli/${cli}`, ...args], {
    LICENCES_DATA_DIR: dataDir,
  });

/** `npm run access-log -- acknowledge-new`, as operator carol. */
const acknowledgeNew = (dataDir: string, reason: string) =>
  script(dataDir, 'access-log.cli.ts', 'acknowledge-new', '--by', 'carol', '--reason', reason);

/** Changes the log behind the API's back, as someone with the file would. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'access-log.sqlite'), { fileMustExist: true });
  try {
    db.exec(`DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; ${sql}`);
  } finally {
    db.close();
  }
}

function removeLog(dataDir: string): void {
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dataDir, `access-log.sqlite${suffix}`), { force: true });
}

describe('an access log that cannot vanish', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'licences-audit-restart-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(
    'refuses to start on a log cut short or deleted, until an operator acknowledges a new log whose first record says so',
    async () => {
      const dataDir = newDir();
      await serveReads(dataDir, 3); // records: 1 log-started, 2-4 the reads

      tamper(dataDir, 'DELETE FROM access_log WHERE seq >= 3');
      const cut = await script(dataDir, 'verify.cli.ts');
      expect(cut.status).toBe(2);
      expect(cut.stdout).toContain('first problem:    removed at record 3');
      const refusedCut = await startRefused(dataDir);
      expect(refusedCut.status).toBe(1);
      expect(refusedCut.stderr).toMatch(
        /^Refusing to start: the access log is damaged: Tampered: record 3 removed: records 3 to 4 are missing: the anchor names record 4 .*npm run access-log -- acknowledge-new --by <admin> --reason "<why>"$/m,
      );

      removeLog(dataDir);
      const refusedMissing = await startRefused(dataDir);
      expect(refusedMissing.status).toBe(1);
      expect(refusedMissing.stderr).toMatch(
        /^Refusing to start: the access log is missing, while its anchor names record 4 \(hash [0-9a-f]{64}\)/m,
      );

      const reason = 'Disk replaced on 2025-03-01; the access log was not in the backup';
      const acknowledged = await acknowledgeNew(dataDir, reason);
      expect(acknowledged.status).toBe(0);
      expect(acknowledged.stdout).toContain('Started a new access log');
      const again = await acknowledgeNew(dataDir, reason);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('Nothing to acknowledge: the access log is in order');

      const api = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      try {
        const cases = await callApi(api.baseUrl, 'GET', '/api/licences', { token: oversight });
        expect(cases.status).toBe(200);
        const log = await callApi(api.baseUrl, 'GET', '/api/oversight/access-log', { token: admin });
        expect(log.body.items).toEqual([
          expect.objectContaining({ seq: 2, kind: 'access', sub: 'audit-office', route: '/api/licences' }),
          expect.objectContaining({
            seq: 1,
            kind: 'new-log-acknowledged',
            sub: 'carol',
            prevHash: '0'.repeat(64),
            detail: {
              reason,
              found: expect.stringMatching(/^the access log is missing, while its anchor names record 4/),
              anchor: { origin: expect.any(String), seq: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
              previousLogKeptAs: null,
            },
          }),
        ]);
      } finally {
        await kill(api.child, 'SIGTERM');
      }
      const verified = await script(dataDir, 'verify.cli.ts');
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(/Access log .*\n {2}result: {11}INTACT\n {2}records checked: {2}2\n/);
    },
    timeoutAbove(2 * APP_START_MS, 2 * STOP_MS, 7 * SCRIPT_MS),
  );

  it(
    'names the first record changed in npm run verify, and refuses to start on a log file truncated to nothing',
    async () => {
      const dataDir = newDir();
      await serveReads(dataDir, 3);

      tamper(dataDir, "UPDATE access_log SET url = '/api/licences' WHERE seq = 3");
      const text = await script(dataDir, 'verify.cli.ts');
      const json = await script(dataDir, 'verify.cli.ts', '--json');
      expect(text.status).toBe(2);
      expect(text.stdout).toContain('first problem:    changed at record 3');
      expect(text.stdout).toMatch(/ {4}record: {9}access by audit-office GET \/api\/licences at /);
      expect(text.stdout).toContain('verified before:  2 records');
      expect(json.status).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({
        intact: true,
        accessLog: { state: 'tampered', report: { firstProblem: { kind: 'changed', seq: 3 } } },
      });

      // Stopped cleanly, the log has no WAL beside it: this empties it entirely.
      truncateSync(join(dataDir, 'access-log.sqlite'), 0);
      const refused = await startRefused(dataDir);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /^Refusing to start: the access log is damaged: Tampered: record 1 removed: records 1 to 4 are missing/m,
      );
      // Acknowledged, the damaged file is kept beside the new log as evidence.
      const acknowledged = await acknowledgeNew(dataDir, 'x');
      expect(acknowledged.status).toBe(0);
      const kept = /The old log is kept as (\S+)\.\n/.exec(acknowledged.stdout)?.[1];
      expect(kept).toMatch(/access-log\.replaced-[\dT-]+Z\.sqlite$/);
      expect(existsSync(kept!)).toBe(true);
      expect((await script(dataDir, 'verify.cli.ts')).status).toBe(0);
    },
    timeoutAbove(APP_START_MS, STOP_MS, 5 * SCRIPT_MS),
  );
});
