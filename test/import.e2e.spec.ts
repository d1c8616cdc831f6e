import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT_SECRET } from '../apps/api/src/config/app-config';
import { runScript } from './support/app-process';
import { SCRIPT_MS } from './support/child-processes';
import { assessment, caseBody } from './support/cases';
import { TEST_SECRET, TestApp } from './support/test-app';
import { signHs256, unsignedToken } from './support/tokens';
import { timeoutAbove } from './support/waiting';
import { CUTOVER, generateHistory, idOf } from './import/historical-history';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const NOW = '2026-01-15T09:00:00Z';
const history = generateHistory(40);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One line of a history file. */
function line(caseId: string, type: string, occurredAt: string, actor: object, data: object): string {
  return JSON.stringify({ caseId, type, occurredAt, actor, data });
}

/** A good case from before the cut-over: an application, then an issue by an assessor. */
function goodCase(label: string): string {
  const caseId = idOf(label);
  const { procedure: _procedure, ...details } = caseBody();
  return [
    line(caseId, 'Applied', '2025-03-03T10:00:00Z', { sub: 'archive-intake', role: 'intake' }, details),
    line(
      caseId,
      'Issued',
      '2025-03-20T10:00:00Z',
      { sub: 'archive-assessor', role: 'assessor' },
      {
        assessment,
        validFrom: '2025-03-20',
        validUntil: '2028-03-19',
      },
    ),
  ].join('\n');
}

describe('historical import over HTTP: two officials and a cut-over', () => {
  const app = new TestApp();
  const as = (sub: string) => ({ token: app.token('admin', sub) });
  const stage = (text: string, sub = 'alice') =>
    app.request('POST', '/api/imports', { ...as(sub), rawBody: text, headers: NDJSON });
  const approve = (id: string, sub: string) => app.request('POST', `/api/imports/${id}/approve`, as(sub));
  const reject = (id: string, sub: string, body: object) =>
    app.request('POST', `/api/imports/${id}/reject`, { ...as(sub), body });

  beforeAll(async () => {
    app.importCutover = CUTOVER;
    await app.start();
    app.clock.set(NOW);
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
    const approveAsAssessor = await app.request('POST', `/api/imports/${sha256('x')}/approve`, {
      role: 'assessor',
    });
    expect(approveAsAssessor.status).toBe(403);
  });

  it('regression (issue 10): one admin can no longer import a live licence by a "minister"', async () => {
    // The attack as reported: applied two minutes ago, issued by an unknown role until 2099.
    const minister = { sub: 'head.of.unit', role: 'minister' };
    const live = idOf('attack/live');
    const backdated = idOf('attack/backdated');
    const { procedure: _procedure, ...details } = caseBody();
    const issue = { assessment, validFrom: '2025-06-02', validUntil: '2099-12-31' };
    const attack = [
      line(live, 'Applied', '2026-01-15T08:58:00Z', { sub: 'head.of.unit', role: 'intake' }, details),
      line(live, 'Issued', '2026-01-15T08:59:00Z', minister, { ...issue, validFrom: '2026-01-15' }),
      // The same, dated before the cut-over: the role alone refuses it.
      line(backdated, 'Applied', '2025-06-01T10:00:00Z', { sub: 'head.of.unit', role: 'intake' }, details),
      line(backdated, 'Issued', '2025-06-02T10:00:00Z', minister, issue),
    ].join('\n');

    const staged = await stage(attack, 'mallory');
    expect(staged.status).toBe(201);
    expect(staged.body).toMatchObject({ status: 'staged', uploadedBy: { sub: 'mallory', role: 'admin' } });
    expect(staged.body.staging).toMatchObject({ accepted: 0, eventsToAppend: 0, refusedTotal: 2 });
    expect(staged.body.staging.refused).toEqual([
      expect.objectContaining({ caseId: live, line: 1, code: 'OCCURRED_AFTER_CUTOVER' }),
      expect.objectContaining({ caseId: backdated, line: 4, code: 'UNKNOWN_ROLE' }),
    ]);
    expect(staged.body.staging.refused[1].reason).toContain('minister is not a role of this system');

    // Alone the uploader cannot let it in; with a second admin nothing goes in either.
    expect((await approve(staged.body.importId, 'mallory')).status).toBe(403);
    const approved = await approve(staged.body.importId, 'bob');
    expect(approved).toMatchObject({ status: 200, body: { accepted: 0, eventsAppended: 0 } });
    for (const id of [live, backdated]) {
      const licence = await app.request('GET', `/api/licences/${id}?minPosition=${approved.body.position}`, {
        role: 'oversight',
      });
      expect(licence).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
    }
    // And the admin still cannot issue live.
    const issueLive = await app.request('POST', `/api/licences/${live}/issue`, {
      ...as('mallory'),
      body: { assessment },
    });
    expect(issueLive.status).toBe(403);
  });

  it('stages without appending, refuses the uploader as approver, and a second admin lets it in under both names', async () => {
    const staged = await stage(history.text, 'alice');
    expect(staged.status).toBe(201);
    const importId = sha256(history.text);
    expect(staged.headers.get('location')).toBe(`/api/imports/${importId}`);
    const { staging } = staged.body;
    expect(staged.body).toMatchObject({
      importId,
      status: 'staged',
      round: 1,
      stagedAt: new Date(NOW).toISOString(),
    });
    expect(staging).toMatchObject({
      importId,
      bytes: Buffer.byteLength(history.text),
      cutover: CUTOVER,
      accepted: 40,
      alreadyImported: 0,
      refusedTotal: history.refusals.length,
    });
    expect(staging.refused.map((r: { code: string }) => r.code).sort()).toEqual(
      history.refusals.map((r) => r.code).sort(),
    );
    // The replay findings come with the staging: the deviating issues first.
    expect(staging.findings.deviations).toBeGreaterThan(0);
    const severities = staging.findings.listed.map((f: { severity: string }) => f.severity);
    expect(severities.slice(0, staging.findings.deviations).every((s: string) => s === 'deviation')).toBe(
      true,
    );
    const deviations = staging.findings.listed.slice(0, staging.findings.deviations);
    expect(deviations).toContainEqual(
      expect.objectContaining({ code: 'VALIDITY_LONGER_THAN_RULE', line: expect.any(Number) }),
    );

    const licence = history.issued.find((l) => !l.revoked)!;
    const before = await app.request('GET', `/api/licences/${licence.caseId}`, { role: 'oversight' });
    expect(before.status).toBe(404);

    const byUploader = await approve(importId, 'alice');
    expect(byUploader).toMatchObject({ status: 403, body: { code: 'IMPORT_APPROVER_IS_UPLOADER' } });

    const approved = await approve(importId, 'bob');
    const alice = { sub: 'alice', role: 'admin' };
    const bob = { sub: 'bob', role: 'admin' };
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      importId,
      accepted: 40,
      alreadyImported: 0,
      eventsAppended: staging.eventsToAppend,
      refusedTotal: history.refusals.length,
      uploadedBy: alice,
      approvedBy: bob,
    });

    const onDay = await app.request(
      'GET',
      `/api/licences/${licence.caseId}?validOn=${licence.validFrom}&minPosition=${approved.body.position}`,
      { role: 'oversight' },
    );
    expect(onDay).toMatchObject({
      status: 200,
      body: { status: 'issued', valid: true, validFrom: licence.validFrom, evaluatedOn: licence.validFrom },
    });
    const decisions = (
      await app.request('GET', `/api/licences/${licence.caseId}/history`, { role: 'oversight' })
    ).body.decisions as { imported: unknown }[];
    for (const decision of decisions) {
      expect(decision.imported).toEqual({
        importId,
        line: expect.any(Number),
        uploadedBy: alice,
        approvedBy: bob,
      });
    }

    const record = await app.request('GET', `/api/imports/${importId}`, { role: 'oversight' });
    expect(record.body).toMatchObject({
      status: 'committed',
      uploadedBy: alice,
      approvedBy: bob,
      commit: { eventsAppended: approved.body.eventsAppended },
    });
    const twice = await approve(importId, 'carol');
    expect(twice).toMatchObject({
      status: 409,
      body: { code: 'IMPORT_ALREADY_DECIDED', importStatus: 'committed' },
    });
    // The same file again is the same import.
    const again = await stage(history.text, 'carol');
    expect(again).toMatchObject({ status: 200, body: { importId, status: 'committed' } });
  });

  it('a rejected import appends nothing, shows its reason, and cannot be approved', async () => {
    const text = goodCase('rejected/one');
    const staged = await stage(text, 'alice');
    const { importId } = staged.body;
    expect(staged.body.staging).toMatchObject({ accepted: 1, eventsToAppend: 2, refusedTotal: 0 });

    expect((await reject(importId, 'alice', { reason: 'Mine' })).body.code).toBe(
      'IMPORT_APPROVER_IS_UPLOADER',
    );
    expect((await reject(importId, 'bob', {})).status).toBe(400);
    const rejected = await reject(importId, 'bob', { reason: 'The archive export is incomplete' });
    expect(rejected).toMatchObject({
      status: 200,
      body: {
        status: 'rejected',
        rejectedBy: { sub: 'bob', role: 'admin' },
        rejectionReason: 'The archive export is incomplete',
      },
    });
    expect(await approve(importId, 'carol')).toMatchObject({
      status: 409,
      body: { code: 'IMPORT_ALREADY_DECIDED', importStatus: 'rejected' },
    });
    expect((await reject(importId, 'carol', { reason: 'Again' })).status).toBe(409);
    const shown = await app.request('GET', `/api/imports/${importId}`, { role: 'admin' });
    expect(shown.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The archive export is incomplete',
    });
    const head = (await app.request('GET', '/health')).body.eventStore.headPosition as number;
    const licence = await app.request('GET', `/api/licences/${idOf('rejected/one')}?minPosition=${head}`, {
      role: 'oversight',
    });
    expect(licence.status).toBe(404);

    const list = await app.request('GET', '/api/imports', { role: 'oversight' });
    expect(list.status).toBe(200);
    const statuses = Object.fromEntries(
      (list.body as { importId: string; status: string }[]).map((i) => [i.importId, i.status]),
    );
    expect(statuses).toMatchObject({ [importId]: 'rejected', [sha256(history.text)]: 'committed' });

    // Uploaded again after the rejection, it is staged anew for a fresh decision.
    const restaged = await stage(text, 'carol');
    expect(restaged).toMatchObject({ status: 201, body: { status: 'staged', round: 2 } });
    expect(restaged.body.rejectedBy).toBeUndefined();
  });

  it('lists the first 1,000 refusals and counts them all', async () => {
    const text = Array.from({ length: 1500 }, (_, i) => `not JSON ${i}`).join('\n');
    const staged = await stage(text);
    expect(staged.status).toBe(201);
    expect(staged.body.staging).toMatchObject({ lines: 1500, refusedTotal: 1500, accepted: 0 });
    const lines = (staged.body.staging.refused as { line: number }[]).map((r) => r.line);
    expect(lines).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('answers 404 for an unknown import and 400 for what is no import id', async () => {
    const unknown = await app.request('GET', `/api/imports/${sha256('nothing')}`, { role: 'admin' });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'IMPORT_NOT_FOUND' } });
    expect((await approve(sha256('nothing'), 'bob')).status).toBe(404);
    expect((await app.request('GET', '/api/imports/abc', { role: 'admin' })).status).toBe(400);
  });
});

describe('historical import without a cut-over that has passed', () => {
  const app = new TestApp();

  afterAll(async () => {
    await app.dispose();
  });

  it('refuses every import, naming the setting, until a cut-over is configured and has passed', async () => {
    /** Starts the app with `cutover` (or none) and stages a good case as an admin. */
    const stageWith = async (cutover: string | undefined) => {
      await app.stop();
      app.importCutover = cutover;
      await app.start();
      app.clock.set(NOW);
      return app.request('POST', '/api/imports', {
        role: 'admin',
        rawBody: goodCase('no-cutover'),
        headers: NDJSON,
      });
    };
    const unset = await stageWith(undefined);
    expect(unset).toMatchObject({ status: 409, body: { code: 'IMPORT_CUTOVER_NOT_CONFIGURED' } });
    expect(unset.body.detail).toContain('LICENCES_IMPORT_CUTOVER');
    const future = await stageWith('2026-02-01T00:00:00Z');
    expect(future).toMatchObject({ status: 409, body: { code: 'IMPORT_CUTOVER_IN_FUTURE' } });
    expect(future.body.detail).toContain('LICENCES_IMPORT_CUTOVER');
    expect((await app.request('GET', '/api/imports', { role: 'admin' })).body).toEqual([]);
  });
});

describe('npm run import', () => {
  const app = new TestApp();
  const dir = mkdtempSync(join(tmpdir(), 'licences-import-cli-'));
  const run = (file: string, env: Record<string, string>) =>
    runScript(['-r', './tools/register.cjs', 'apps/api/src/cli/import.cli.ts', file], {
      LICENCES_DATA_DIR: app.dataDir,
      LICENCES_JWT_SECRET: TEST_SECRET,
      ...env,
    });

  afterAll(async () => {
    await app.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'only stages, as the admin of LICENCES_TOKEN; another admin approves through the API',
    async () => {
      // The API has run on this data folder before (its access log exists), as in any installation.
      app.importCutover = CUTOVER;
      await app.start();
      await app.stop();
      const file = join(dir, 'history.jsonl');
      writeFileSync(file, history.text);
      const withCutover = { LICENCES_IMPORT_CUTOVER: CUTOVER };

      const noToken = run(file, withCutover);
      expect(noToken.status).toBe(1);
      expect(noToken.stderr).toContain('LICENCES_TOKEN');
      const notAdmin = run(file, { ...withCutover, LICENCES_TOKEN: app.token('assessor', 'alice') });
      expect(notAdmin.status).toBe(1);
      const noCutover = run(file, { LICENCES_TOKEN: app.token('admin', 'alice') });
      expect(noCutover.status).toBe(1);
      expect(noCutover.stderr).toContain('LICENCES_IMPORT_CUTOVER');
      expect(run(join(dir, 'missing.jsonl'), withCutover).stderr).toContain('missing.jsonl');
      // A forged admin stages nothing: the CLI verifies its token as the API does.
      const admin = { sub: 'mallory', role: 'admin' };
      for (const forged of [
        signHs256(admin, DEVELOPMENT_JWT_SECRET),
        unsignedToken(admin),
        signHs256({ ...admin, exp: undefined }, TEST_SECRET),
      ]) {
        const refused = run(file, { ...withCutover, LICENCES_TOKEN: forged });
        expect({ status: refused.status, stdout: refused.stdout }).toEqual({ status: 1, stdout: '' });
        expect(refused.stderr).toMatch(/LICENCES_TOKEN was refused \(TOKEN_/);
        const staging = join(app.dataDir, 'imports');
        expect(existsSync(staging) ? readdirSync(staging).filter((f) => f.endsWith('.ndjson')) : []).toEqual(
          [],
        );
      }

      const staged = run(file, { ...withCutover, LICENCES_TOKEN: app.token('admin', 'alice') });
      expect(staged.status).toBe(3);
      const record = JSON.parse(staged.stdout);
      const importId = sha256(history.text);
      expect(record).toMatchObject({
        importId,
        status: 'staged',
        uploadedBy: { sub: 'alice', role: 'admin' },
        staging: { accepted: 40, refusedTotal: history.refusals.length },
      });
      expect(staged.stderr).toMatch(/import \[.*\] 100% \| review \| \d+\/\d+ lines \| 40\/40 cases/);
      expect(staged.stderr).toContain(
        `An admin other than alice approves it with POST /api/imports/${importId}/approve`,
      );

      await app.start();
      app.clock.set(NOW);
      const byAlice = await app.request('POST', `/api/imports/${importId}/approve`, {
        token: app.token('admin', 'alice'),
      });
      expect(byAlice.status).toBe(403);
      const byBob = await app.request('POST', `/api/imports/${importId}/approve`, {
        token: app.token('admin', 'bob'),
      });
      expect(byBob).toMatchObject({ status: 200, body: { accepted: 40, approvedBy: { sub: 'bob' } } });
      // Eight runs of the CLI, each allowed SCRIPT_MS.
    },
    timeoutAbove(...Array.from({ length: 8 }, () => SCRIPT_MS)),
  );
});
