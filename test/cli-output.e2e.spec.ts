import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { TestApp } from './support/test-app';
import { timeoutAbove } from './support/waiting';

/** At most three processes a test (CLIs, Prettier), each bounded by SCRIPT_MS. */
const TEST_MS = timeoutAbove(SCRIPT_MS, SCRIPT_MS, SCRIPT_MS);

/** The lines of `text` equal to `line`: a progress bar's final state must be written once. */
const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

describe('what the command-line tools print and write', () => {
  let app: TestApp;
  let caseId: string;
  let head: number;
  const scratch = mkdtempSync(join(tmpdir(), 'licences-cli-output-'));
  // A folder of this run's own under ./reports, where a relative --out lands.
  const reportsSub = `cli-output-${process.pid}-${Date.now()}`;

  const cli = (script: string, ...args: string[]) =>
    runScript(['-r', './tools/register.cjs', `apps/api/src/cli/${script}.cli.ts`, ...args], {
      LICENCES_DATA_DIR: app.dataDir,
    });
  const finalBar = () => `projecting [${'='.repeat(40)}] 100% | ${head}/${head} events`;

  beforeAll(async () => {
    app = await new TestApp().start();
    app.clock.set('2024-05-02T10:00:00Z');
    caseId = await app.registerCase();
    expect((await app.issueLicence(caseId)).status).toBe(200);
    head = (await app.request('GET', '/health')).body.eventStore.headPosition as number;
    await app.stop();
  }, TEST_MS);

  afterAll(async () => {
    await app.dispose();
    rmSync(join(REPO_ROOT, 'reports', reportsSub), { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it(
    'writes a report given a relative --out under ./reports, where git and the linters do not look',
    () => {
      const out = `${reportsSub}/issued.md`;
      const file = join(REPO_ROOT, 'reports', out);

      const result = cli('report', 'issued', '--quarter', '2024-Q2', '--format', 'md', '--out', out);

      expect(result.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('2024-Q2');
      expect(result.stderr).toContain(`Wrote issued (2024-Q2, position ${head}) to ${file}\n`);
      expect(existsSync(join(REPO_ROOT, out))).toBe(false);
      expect(count(result.stderr, finalBar())).toBe(1);
      // What `npm run lint` checks (Prettier over every file it does not ignore) passes over it.
      const ignored = spawnSync('git', ['check-ignore', '--quiet', file], { cwd: REPO_ROOT });
      expect(ignored.status).toBe(0);
      const prettier = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', file],
        { cwd: REPO_ROOT, encoding: 'utf8', timeout: SCRIPT_MS, killSignal: 'SIGKILL' },
      );
      expect(prettier.status).toBe(0);
    },
    TEST_MS,
  );

  it(
    'honours an absolute --out as given',
    () => {
      const file = join(scratch, 'issued.csv');

      const result = cli('report', 'issued', '--quarter', '2024-Q2', '--format', 'csv', '--out', file);

      expect(result.status).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('# report\r\n');
      expect(result.stderr).toContain(`to ${file}\n`);
    },
    TEST_MS,
  );

  it(
    'echoes its arguments unmasked, and shows the final state of its progress bar once',
    () => {
      const replay = cli('replay', '--case', caseId);
      const whatIf = cli(
        'what-if',
        '--policy',
        'contract-duration',
        '--from',
        '2024-01-01',
        '--to',
        '2024-12-31',
      );

      expect(replay.status).toBe(0);
      // npm prints `--case ***`: it masks anything shaped like a UUID, case ids included.
      expect(replay.stderr.split('\n')[0]).toBe(`> replay --case ${caseId}`);
      expect(count(replay.stderr, finalBar())).toBe(1);
      expect(replay.stderr).not.toContain('\n\n');
      expect(whatIf.status).toBe(0);
      expect(count(whatIf.stderr, finalBar())).toBe(1);
    },
    TEST_MS,
  );

  it(
    'shows the final state of the rebuild bar once',
    () => {
      const rebuilt = cli('rebuild', 'statistics');

      expect(rebuilt.status).toBe(0);
      const lines = rebuilt.stderr.split('\n').filter((l) => l.startsWith('statistics ['));
      expect(lines.filter((l) => l.includes(`100% | ${head}/${head} positions`))).toHaveLength(1);
    },
    TEST_MS,
  );
});
