import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { kill, runScriptAsync, startAppProcess } from './support/app-process';
import { assessment, caseBody } from './support/cases';
import { APP_START_MS, SCRIPT_MS, STOP_MS, stopAllProcesses } from './support/child-processes';
import { callApi, developmentToken } from './support/process-api';
import { verifyScript } from './support/tampering';
import { timeoutAbove } from './support/waiting';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  chain_hash: string;
}

interface Manifest {
  events: { headPosition: number; headHash: string };
  accessLog: { state: string; records: number };
  files: { name: string; kind: string; bytes: number; sha256: string }[];
}

const backupScript = (dataDir: string, ...args: string[]) =>
  runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/cli/backup.cli.ts', ...args], {
    LICENCES_DATA_DIR: dataDir,
  });
const restoreScript = (...args: string[]) =>
  runScriptAsync(['-r', './tools/register.cjs', 'apps/api/src/cli/restore.cli.ts', ...args]);

/** The events up to `head`, read as they are stored (a read-only reader beside a running API is fine). */
function eventsUpTo(dataDir: string, head: number): EventRow[] {
  const db = new Database(join(dataDir, 'licences.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[number], EventRow>(
        'SELECT position, event_id, stream_id, revision, chain_hash FROM events WHERE position <= ? ORDER BY position',
      )
      .all(head);
  } finally {
    db.close();
  }
}

/** Every file owner-only (0600) and every folder 0700, the folder itself included. */
function expectPrivate(folder: string): void {
  expect(statSync(folder).mode & 0o777).toBe(0o700);
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) expectPrivate(path);
    else expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 });
  }
}

const intake = developmentToken('alice', ['intake']);
const assessor = developmentToken('bob', ['assessor']);
const oversight = developmentToken('audit-office', ['oversight']);

/** Registers a case and issues it: two events, two commands. */
async function recordIssuedCase(baseUrl: string): Promise<string> {
  const created = await callApi(baseUrl, 'POST', '/api/licences', { token: intake, body: caseBody() });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const issued = await callApi(baseUrl, 'POST', `/api/licences/${id}/issue`, {
    token: assessor,
    body: { assessment },
  });
  expect(issued.status).toBe(200);
  return id;
}

/** What oversight reads of a case once the read models hold `position`. */
async function readCase(baseUrl: string, id: string, position: number) {
  const [licence, history] = await Promise.all([
    callApi(baseUrl, 'GET', `/api/licences/${id}?minPosition=${position}`, { token: oversight }),
    callApi(baseUrl, 'GET', `/api/licences/${id}/history?minPosition=${position}`, { token: oversight }),
  ]);
  return { licence: [licence.status, licence.body], history: [history.status, history.body] };
}

describe('npm run backup and npm run restore', () => {
  const root = mkdtempSync(join(tmpdir(), 'licences-backup-'));

  afterEach(() => stopAllProcesses());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(
    'backs up while commands are answered, and restores a copy whose events, licences and access log are the same and verify',
    async () => {
      const dataDir = join(root, 'live');
      const backupDir = join(root, 'backup');
      const restoredDir = join(root, 'restored');
      const live = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      let restored: Awaited<ReturnType<typeof startAppProcess>> | undefined;
      try {
        const recorded = [await recordIssuedCase(live.baseUrl), await recordIssuedCase(live.baseUrl)];
        for (const id of recorded) await readCase(live.baseUrl, id, 1);

        // Commands keep coming, one after the other, until the backup has finished.
        let stop = false;
        const answered: string[] = [];
        const load = (async () => {
          while (!stop) answered.push(await recordIssuedCase(live.baseUrl));
        })();
        // Handled here, thrown where awaited: a refused command fails the test after the backup.
        load.catch(() => undefined);
        const before = answered.length;
        const backup = await backupScript(dataDir, '--to', backupDir, '--json');
        const during = answered.length - before;
        stop = true;
        await load;

        expect({ status: backup.status, stderr: backup.stderr }).toMatchObject({ status: 0 });
        expect(during).toBeGreaterThan(0);
        const { manifest } = JSON.parse(backup.stdout) as { manifest: Manifest };
        expect(manifest.events.headPosition).toBeGreaterThanOrEqual(4);
        expect(manifest.accessLog).toMatchObject({ state: 'intact', records: expect.any(Number) });
        expect(manifest.accessLog.records).toBeGreaterThan(0);
        expect(manifest.files.map((file) => file.kind)).toEqual(['read-models', 'events', 'access-log']);
        expectPrivate(backupDir);

        const restore = await restoreScript('--from', backupDir, '--to', restoredDir, '--json');
        expect({ status: restore.status, stderr: restore.stderr }).toMatchObject({ status: 0 });
        expectPrivate(restoredDir);
        const head = manifest.events.headPosition;
        const original = eventsUpTo(dataDir, head);
        expect(original).toHaveLength(head);
        expect(eventsUpTo(restoredDir, Number.MAX_SAFE_INTEGER)).toEqual(original);
        expect(original[head - 1]!.chain_hash).toBe(manifest.events.headHash);

        restored = await startAppProcess({ LICENCES_DATA_DIR: restoredDir });
        // A case whose application is in the backup but whose issue came after its head reads
        // differently by design: compare the cases the backup holds whole.
        const now = eventsUpTo(dataDir, Number.MAX_SAFE_INTEGER);
        const eventsOf = (rows: typeof original, id: string) =>
          rows.filter((row) => row.stream_id === `licence-${id}`).length;
        const inBackup = [...recorded, ...answered].filter(
          (id) => eventsOf(original, id) > 0 && eventsOf(original, id) === eventsOf(now, id),
        );
        expect(inBackup.length).toBeGreaterThanOrEqual(recorded.length);
        for (const id of inBackup) {
          const [was, is] = await Promise.all([
            readCase(live.baseUrl, id, head),
            readCase(restored.baseUrl, id, head),
          ]);
          expect(is).toEqual(was);
          expect(is.licence[0]).toBe(200);
        }
        // A restored store takes new decisions after its head.
        await recordIssuedCase(restored.baseUrl);
        await kill(restored.child);
        restored = undefined;

        const verified = verifyScript(
          restoredDir,
          '--json',
          '--expect-head',
          manifest.events.headHash,
          '--at',
          String(head),
        );
        expect({ status: verified.status, stderr: verified.stderr }).toMatchObject({ status: 0 });
        expect(verified.report).toMatchObject({ intact: true, accessLog: { state: 'intact' } });
        expect(verified.report.headPosition).toBe(head + 2);
      } finally {
        if (restored) await kill(restored.child);
        await kill(live.child);
      }
    },
    // Two starts, three scripts and a verify, each bounded; the commands themselves take little.
    timeoutAbove(APP_START_MS, APP_START_MS, SCRIPT_MS, SCRIPT_MS, SCRIPT_MS, STOP_MS, STOP_MS),
  );

  it(
    'refuses a used backup folder, a changed file, a forged manifest, a folder in use (inline or external projections), a non-empty folder without --replace and a damaged staged import; --replace moves the old contents aside',
    async () => {
      const dataDir = join(root, 'refusals-live');
      const backupDir = join(root, 'refusals-backup');
      const live = await startAppProcess({ LICENCES_DATA_DIR: dataDir });
      let external: Awaited<ReturnType<typeof startAppProcess>> | undefined;
      try {
        await recordIssuedCase(live.baseUrl);
        // A staged import file, named by the sha256 of its content as the import stages it.
        const staged = '{"caseId":"historical-1"}\n';
        const stagedName = `${createHash('sha256').update(staged).digest('hex')}.ndjson`;
        mkdirSync(join(dataDir, 'imports'), { recursive: true });
        writeFileSync(join(dataDir, 'imports', stagedName), staged);
        const backup = await backupScript(dataDir, '--to', backupDir);
        expect({ status: backup.status, stderr: backup.stderr }).toMatchObject({ status: 0 });
        expect(backup.stdout).toContain('verified');
        const codeOf = (result: { stderr: string }) =>
          (JSON.parse(result.stderr.split('\n').filter(Boolean).pop()!) as { code: string }).code;

        const again = await backupScript(dataDir, '--to', backupDir, '--json');
        expect({ status: again.status, code: codeOf(again) }).toEqual({
          status: 1,
          code: 'BACKUP_TARGET_NOT_EMPTY',
        });

        // One byte changed in the events' copy: the sha256 no longer matches, nothing is restored.
        const tamperedDir = join(root, 'refusals-tampered');
        cpSync(backupDir, tamperedDir, { recursive: true });
        const eventsCopy = join(tamperedDir, 'licences.sqlite');
        const bytes = readFileSync(eventsCopy);
        bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
        writeFileSync(eventsCopy, bytes);
        const fresh = join(root, 'refusals-fresh');
        const tampered = await restoreScript('--from', tamperedDir, '--to', fresh, '--json');
        expect({ status: tampered.status, code: codeOf(tampered) }).toEqual({
          status: 1,
          code: 'BACKUP_FILE_MISMATCH',
        });
        expect(tampered.stderr).toContain('licences.sqlite');
        expect(existsSync(fresh)).toBe(false);

        // An event changed and the manifest's sha256 forged to match: the chain check refuses it.
        const forgedDir = join(root, 'refusals-forged');
        cpSync(backupDir, forgedDir, { recursive: true });
        const forgedEvents = new Database(join(forgedDir, 'licences.sqlite'), { fileMustExist: true });
        forgedEvents.prepare("UPDATE events SET data = replace(data, 'Bundeswehr', 'Someone else')").run();
        forgedEvents.close();
        const manifestFile = join(forgedDir, 'manifest.json');
        const forged = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
        const events = forged.files.find((file) => file.kind === 'events')!;
        const forgedBytes = readFileSync(join(forgedDir, 'licences.sqlite'));
        events.sha256 = createHash('sha256').update(forgedBytes).digest('hex');
        events.bytes = forgedBytes.byteLength;
        writeFileSync(manifestFile, JSON.stringify(forged));
        const unverified = await restoreScript('--from', forgedDir, '--to', fresh, '--json');
        expect({ status: unverified.status, code: codeOf(unverified) }).toEqual({
          status: 1,
          code: 'RESTORE_NOT_VERIFIED',
        });
        expect(readdirSync(root).filter((name) => name.startsWith('refusals-fresh'))).toEqual([]);

        // The live folder: the API projecting inline holds its lease.
        const inUse = await restoreScript('--from', backupDir, '--to', dataDir, '--replace', '--json');
        expect({ status: inUse.status, code: codeOf(inUse) }).toEqual({
          status: 1,
          code: 'RESTORE_TARGET_IN_USE',
        });
        expect(inUse.stderr).toContain(`pid ${live.child.pid}`);

        // A non-empty folder is refused without --replace, and left as it was.
        const occupied = join(root, 'refusals-occupied');
        mkdirSync(occupied);
        writeFileSync(join(occupied, 'notes.txt'), 'kept');
        const notEmpty = await restoreScript('--from', backupDir, '--to', occupied, '--json');
        expect({ status: notEmpty.status, code: codeOf(notEmpty) }).toEqual({
          status: 1,
          code: 'RESTORE_TARGET_NOT_EMPTY',
        });
        expect(readdirSync(occupied)).toEqual(['notes.txt']);

        // With --replace, the old contents are moved aside, not deleted.
        const replaced = await restoreScript('--from', backupDir, '--to', occupied, '--replace', '--json');
        expect({ status: replaced.status, stderr: replaced.stderr }).toMatchObject({ status: 0 });
        const { movedAside } = JSON.parse(replaced.stdout) as { movedAside: string };
        expect(movedAside).toMatch(/refusals-occupied\.before-restore-/);
        expect(readFileSync(join(movedAside, 'notes.txt'), 'utf8')).toBe('kept');
        expect(readdirSync(occupied).sort()).toEqual([
          'access-log.sqlite',
          'imports',
          'licences.sqlite',
          'read-models.sqlite',
        ]);
        expect(readFileSync(join(occupied, 'imports', stagedName), 'utf8')).toBe(staged);
        expectPrivate(occupied);

        // An API with external projections holds no lease, but keeps its databases open.
        external = await startAppProcess({ LICENCES_DATA_DIR: occupied, LICENCES_PROJECTIONS: 'external' });
        const locked = await restoreScript('--from', backupDir, '--to', occupied, '--replace', '--json');
        expect({ status: locked.status, code: codeOf(locked) }).toEqual({
          status: 1,
          code: 'RESTORE_TARGET_IN_USE',
        });
        expect(locked.stderr).toContain('is open in another process');

        // A staged file whose content no longer matches its name fails the backup's own check.
        writeFileSync(join(dataDir, 'imports', stagedName), '{"caseId":"changed"}\n');
        const damagedDir = join(root, 'refusals-damaged-backup');
        const damaged = await backupScript(dataDir, '--to', damagedDir, '--json');
        expect({ status: damaged.status, code: codeOf(damaged) }).toEqual({
          status: 1,
          code: 'BACKUP_NOT_VERIFIED',
        });
        expect(damaged.stderr).toContain(`imports/${stagedName}`);
        expect(existsSync(join(damagedDir, 'manifest.json'))).toBe(false);
      } finally {
        if (external) await kill(external.child);
        await kill(live.child);
      }
    },
    timeoutAbove(APP_START_MS, APP_START_MS, ...Array<number>(9).fill(SCRIPT_MS), STOP_MS, STOP_MS),
  );
});
