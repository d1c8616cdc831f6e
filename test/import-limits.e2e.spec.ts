import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LISTED_MAX, MAX_IMPORT_LINES, MAX_REFUSALS, stagingDirIn } from '@licences/licensing-application';
import { runScript } from './support/app-process';
import { TEST_SECRET, TestApp } from './support/test-app';
import { CUTOVER } from './import/historical-history';

/*
 * Issue 11: a 4.5 million-line file of tiny lines, well under the byte limit, ran for minutes and
 * ended in a RangeError. The import now refuses a file whose line count or refusal volume it could
 * not answer for, promptly and whole: a problem+json answer, nothing staged, nothing appended.
 */

const NDJSON = { 'content-type': 'application/x-ndjson' };
/** The probe of the issue: 4.5 million lines, 9 MB, far under the 50 MiB limit. */
const PROBE_LINES = 4_500_000;
const probe = 'x\n'.repeat(PROBE_LINES);
const tooManyRefusals = 'not JSON\n'.repeat(MAX_REFUSALS + 1);

describe('the import refuses a file it cannot answer for, through the API and the CLI', () => {
  const app = new TestApp();
  const dir = mkdtempSync(join(tmpdir(), 'licences-import-limits-'));
  const stage = (text: string) =>
    app.request('POST', '/api/imports', {
      token: app.token('admin', 'alice'),
      rawBody: text,
      headers: NDJSON,
    });
  const stagedFiles = () => {
    const staging = stagingDirIn(app.dataDir);
    return existsSync(staging) ? readdirSync(staging) : [];
  };
  const nothingStaged = async () => {
    expect(stagedFiles()).toEqual([]);
    const list = await app.request('GET', '/api/imports', { role: 'admin' });
    expect(list).toMatchObject({ status: 200, body: [] });
  };

  beforeAll(async () => {
    app.importCutover = CUTOVER;
    await app.start();
    app.clock.set('2026-01-15T09:00:00Z');
  });

  afterAll(async () => {
    await app.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers the 4.5 million-line probe with 413 IMPORT_TOO_MANY_LINES (at most ${MAX_IMPORT_LINES})`, async () => {
    const answer = await stage(probe);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer).toMatchObject({
      status: 413,
      body: { code: 'IMPORT_TOO_MANY_LINES', status: 413 },
    });
    expect(answer.body.detail).toContain(`at most ${MAX_IMPORT_LINES} lines`);
    expect(answer.body.detail).toContain('split the history');
    await nothingStaged();
    // The server is still there and answers the next import.
    const next = await stage('{}\n'.repeat(PROBE_LINES));
    expect(next).toMatchObject({ status: 413, body: { code: 'IMPORT_TOO_MANY_LINES' } });
  });

  it(`answers a file with more than ${MAX_REFUSALS} refusals with 422 IMPORT_TOO_MANY_REFUSALS, listing the first ${LISTED_MAX}`, async () => {
    const answer = await stage(tooManyRefusals);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'IMPORT_TOO_MANY_REFUSALS', maxRefusals: MAX_REFUSALS, linesRead: MAX_REFUSALS + 1 },
    });
    const refused = answer.body.refused as { line: number; code: string; reason: string }[];
    expect(refused.map((r) => r.line)).toEqual(Array.from({ length: LISTED_MAX }, (_, i) => i + 1));
    expect(refused[0]).toMatchObject({ code: 'MALFORMED_JSON', reason: expect.stringContaining('line 1') });
    await nothingStaged();
  });

  describe('npm run import', () => {
    const run = (file: string) =>
      runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/import.cli.ts', file], {
        LICENCES_DATA_DIR: app.dataDir,
        LICENCES_JWT_SECRET: TEST_SECRET,
        LICENCES_IMPORT_CUTOVER: CUTOVER,
        LICENCES_TOKEN: app.token('admin', 'alice'),
      });

    beforeAll(async () => {
      // The CLI opens the stores the API keeps open.
      await app.stop();
    });

    it('refuses the probe before staging anything, saying the limit', () => {
      const file = join(dir, 'probe.ndjson');
      writeFileSync(file, probe);
      const result = run(file);
      expect(result.stderr).toContain(`at most ${MAX_IMPORT_LINES} lines`);
      expect(result.status).toBe(1);
      expect(stagedFiles()).toEqual([]);
    });

    it('refuses a file with too many refusals whole, printing the first ones', () => {
      const file = join(dir, 'refusals.ndjson');
      writeFileSync(file, tooManyRefusals);
      const result = run(file);
      expect(result.stderr).toContain(`more than ${MAX_REFUSALS}`);
      expect(result.status).toBe(1);
      const printed = JSON.parse(result.stdout) as { code: string; linesRead: number; refused: unknown[] };
      expect(printed).toMatchObject({ code: 'IMPORT_TOO_MANY_REFUSALS', linesRead: MAX_REFUSALS + 1 });
      expect(printed.refused).toHaveLength(LISTED_MAX);
      expect(stagedFiles()).toEqual([]);
    });
  });
});
