import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { timeoutAbove } from './support/waiting';
import { TestApp } from './support/test-app';
import { generateHistory } from './import/historical-history';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const history = generateHistory(40);

describe('POST /api/imports', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await new TestApp().start();
    app.clock.set('2026-01-15T09:00:00Z');
  });

  afterAll(async () => {
    await app.dispose();
  });

  it('is for admins only and takes JSON Lines, not JSON', async () => {
    const asAssessor = await app.request('POST', '/api/imports', {
      role: 'assessor',
      rawBody: history.text,
      headers: NDJSON,
    });
    expect(asAssessor).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const json = await app.request('POST', '/api/imports', { role: 'admin', body: { lines: [] } });
    expect(json).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const text = await app.request('POST', '/api/imports', {
      role: 'admin',
      rawBody: history.text,
      headers: { 'content-type': 'text/plain' },
    });
    expect(text).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    // Elsewhere JSON Lines stays refused.
    const elsewhere = await app.request('POST', '/api/licences', {
      role: 'intake',
      rawBody: history.text,
      headers: NDJSON,
    });
    expect(elsewhere.status).toBe(415);
  });

  it('imports the history, refuses broken cases whole, and serves the imported licences', async () => {
    const answer = await app.request('POST', '/api/imports', {
      role: 'admin',
      rawBody: history.text,
      headers: NDJSON,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      importId: createHash('sha256').update(history.text).digest('hex'),
      accepted: 40,
      alreadyImported: 0,
    });
    expect(answer.body.refused.map((r: { code: string }) => r.code).sort()).toEqual(
      history.refusals.map((r) => r.code).sort(),
    );

    const licence = history.issued.find((l) => !l.revoked)!;
    const onDay = await app.request(
      'GET',
      `/api/licences/${licence.caseId}?validOn=${licence.validFrom}&minPosition=${answer.body.position}`,
      { role: 'oversight' },
    );
    expect(onDay).toMatchObject({
      status: 200,
      body: { status: 'issued', valid: true, validFrom: licence.validFrom, evaluatedOn: licence.validFrom },
    });
    const dayBefore = await app.request(
      'GET',
      `/api/licences/${licence.caseId}?validOn=${dayBeforeOf(licence.validFrom)}`,
      { role: 'oversight' },
    );
    expect(dayBefore.body).toMatchObject({ status: 'applied', valid: false });

    const again = await app.request('POST', '/api/imports', {
      role: 'admin',
      rawBody: history.text,
      headers: NDJSON,
    });
    expect(again.body).toMatchObject({ accepted: 0, alreadyImported: 40, eventsAppended: 0 });
    expect(again.body.position).toBe(answer.body.position);
  });
});

describe('npm run import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licences-import-cli-'));
  const dataDir = join(dir, 'data');
  const run = (file: string) =>
    runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/import.cli.ts', file], {
      LICENCES_DATA_DIR: dataDir,
    });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'imports a file with a progress bar, exits 3 when it refused cases, 0 when all went in, 1 on error',
    () => {
      const file = join(dir, 'history.jsonl');
      writeFileSync(file, history.text);
      const first = run(file);
      expect(first.status).toBe(3);
      const report = JSON.parse(first.stdout);
      expect(report).toMatchObject({
        importId: createHash('sha256').update(history.text).digest('hex'),
        accepted: 40,
      });
      expect(report.refused).toHaveLength(history.refusals.length);
      expect(first.stderr).toMatch(/import \[.*\] 100% \| import \| \d+\/\d+ lines \| 40\/40 cases/);

      // Only the good lines, CRLF-terminated: already in, nothing refused.
      const good = join(dir, 'good.jsonl');
      const goodLines = [...history.linesByCase.values()].flat().map((l) => JSON.stringify(l));
      writeFileSync(good, goodLines.join('\r\n'));
      const second = run(good);
      expect(second.status).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, alreadyImported: 40, refused: [] });

      const missing = run(join(dir, 'missing.jsonl'));
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('missing.jsonl');
    },
    timeoutAbove(3 * SCRIPT_MS),
  );
});

function dayBeforeOf(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
