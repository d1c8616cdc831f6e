import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { caseBody } from './support/cases';
import { TEST_SECRET, TestApp } from './support/test-app';
import type { HttpAnswer } from './support/test-app';
import { signHs256 } from './support/tokens';

/** A token that carries several roles, as people with more than one task get. */
function tokenWithRoles(sub: string, roles: string[]): string {
  return signHs256({ sub, roles }, TEST_SECRET);
}

describe('access audit of oversight and reporting requests', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const accessLog = async (query = '') => {
    const answer = await app.request('GET', `/api/oversight/access-log${query}`, { role: 'admin' });
    expect(answer.status).toBe(200);
    return answer.body as { total: number; items: Record<string, any>[] };
  };

  it('records who read which case and when, lists it for admins only, and never lets it be edited', async () => {
    const id = await app.registerCase();
    await app.issueLicence(id);
    const auditor = app.token('oversight', 'audit-office');
    const reporter = app.token('reporting', 'stats-job');

    app.clock.set('2025-02-03T09:00:00Z');
    expect((await app.request('GET', `/api/licences/${id}`, { token: auditor })).status).toBe(200);
    expect(
      (await app.request('GET', `/api/licences/${id}/history?asOf=2100-01-01T00:00:00Z`, { token: auditor }))
        .status,
    ).toBe(200);
    expect(
      (await app.request('GET', '/api/licences/00000000-0000-4000-8000-000000000000', { token: auditor }))
        .status,
    ).toBe(404);
    expect((await app.request('GET', '/api/licences?destination=DE', { token: reporter })).status).toBe(200);
    // Assessors' own reads are part of their work, not oversight: not recorded.
    await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });

    const log = await accessLog();
    expect(log.total).toBe(5);
    expect(log.items).toEqual([
      expect.objectContaining({
        seq: 5,
        kind: 'access',
        sub: 'stats-job',
        roles: ['reporting'],
        role: 'reporting',
        route: '/api/licences',
        url: '/api/licences?destination=DE',
        caseId: null,
        status: 200,
      }),
      expect.objectContaining({ seq: 4, sub: 'audit-office', route: '/api/licences/:id', status: 404 }),
      expect.objectContaining({
        seq: 3,
        sub: 'audit-office',
        route: '/api/licences/:id/history',
        caseId: id,
      }),
      expect.objectContaining({
        seq: 2,
        sub: 'audit-office',
        role: 'oversight',
        route: '/api/licences/:id',
        caseId: id,
        at: '2025-02-03T09:00:00.000Z',
      }),
      // The log of a new installation opens with a record saying so.
      expect.objectContaining({ seq: 1, kind: 'log-started', sub: 'system', prevHash: '0'.repeat(64) }),
    ]);
    // Each record names the hash of the one before it.
    log.items.slice(0, -1).forEach((item, i) => expect(item['prevHash']).toBe(log.items[i + 1]!['hash']));
    expect((await accessLog(`?caseId=${id}`)).total).toBe(2);
    expect((await accessLog('?sub=stats-job')).total).toBe(1);
    expect((await app.request('GET', '/api/oversight/access-log', { token: auditor })).status).toBe(403);
    expect(
      (await app.request('GET', '/api/oversight/access-log?caseId=nope', { role: 'admin' })).status,
    ).toBe(400);

    await app.stop();
    const db = new Database(join(app.dataDir, 'access-log.sqlite'));
    try {
      expect(() => db.prepare("UPDATE access_log SET sub = 'someone-else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('records every request of a token holding oversight or reporting, whatever else it holds, on every route', async () => {
    const id = await app.registerCase();
    await app.issueLicence(id);
    const dual = tokenWithRoles('dual', ['oversight', 'intake']);
    const adminAuditor = tokenWithRoles('chief', ['admin', 'oversight']);
    const oversight = app.token('oversight', 'audit-office');
    const reporting = app.token('reporting', 'stats-job');
    const asIntake = { 'x-acting-role': 'intake', 'x-correlation-id': 'trace-42' };
    const whatIf = { policy: 'contract-duration', from: '2024-01-01', to: '2024-12-31' };
    const requests: [string, string, string, Record<string, unknown>][] = [
      ['dual', 'GET', `/api/licences/${id}`, { token: dual, headers: asIntake }],
      [
        'dual',
        'POST',
        '/api/licences',
        {
          token: dual,
          headers: asIntake,
          body: caseBody({ destination: { country: 'FR', endUser: 'DGA' } }),
        },
      ],
      ['audit-office', 'GET', `/api/licences/${id}/history`, { token: oversight }],
      ['audit-office', 'GET', `/api/licences/${id}/revocation`, { token: oversight }],
      ['audit-office', 'GET', '/api/licences?destination=DE', { token: oversight }],
      ['audit-office', 'POST', '/api/oversight/what-if', { token: oversight, body: whatIf }],
      ['audit-office', 'GET', `/api/oversight/licences/${id}/replay`, { token: oversight }],
      ['audit-office', 'GET', '/api/oversight/decisions?from=2024-01-01&to=2024-12-31', { token: oversight }],
      ['audit-office', 'GET', '/api/oversight/integrity', { token: oversight }],
      ['audit-office', 'GET', '/api/projections', { token: oversight }],
      ['audit-office', 'POST', '/api/oversight/what-if', { token: oversight, body: { policy: 'nope' } }],
      ['stats-job', 'GET', '/api/statistics/issued?year=2024&format=csv', { token: reporting }],
      ['stats-job', 'GET', '/api/statistics/issued?year=2024&format=html', { token: reporting }],
      ['chief', 'GET', '/api/oversight/access-log', { token: adminAuditor }],
    ];
    const answers: HttpAnswer[] = [];
    for (const [, method, path, options] of requests) answers.push(await app.request(method, path, options));

    // The answers themselves left unchanged: the bodies, their types, the statuses.
    expect(answers.map((a) => a.status)).toEqual([
      200, 201, 200, 404, 200, 200, 200, 200, 200, 200, 400, 200, 200, 200,
    ]);
    expect(answers[11]!.contentType).toMatch(/^text\/csv/);
    expect(answers[11]!.body).toContain('# report');
    expect(answers[12]!.body).toContain('<svg');
    expect(answers[8]!.body).toMatchObject({ intact: true, accessLog: { intact: true } });

    const log = await accessLog(`?pageSize=${requests.length}`);
    const recorded = log.items.reverse();
    expect(recorded.map((r) => [r['sub'], r['method'], r['url'], r['status']])).toEqual(
      requests.map(([sub, method, path], i) => [sub, method, path, answers[i]!.status]),
    );
    expect(recorded[0]).toMatchObject({
      roles: ['oversight', 'intake'],
      role: 'intake',
      route: '/api/licences/:id',
      caseId: id,
      correlationId: 'trace-42',
    });
    expect(recorded[5]).toMatchObject({ role: 'oversight', route: '/api/oversight/what-if', caseId: null });
    expect(recorded[13]).toMatchObject({ roles: ['admin', 'oversight'], role: 'admin' });
  });

  it('answers 503 ACCESS_AUDIT_UNAVAILABLE instead of the data once the log file is deleted, and refuses to start again', async () => {
    const id = await app.registerCase();
    const oversight = app.token('oversight', 'audit-office');
    expect((await app.request('GET', `/api/licences/${id}`, { token: oversight })).status).toBe(200);

    const file = join(app.dataDir, 'access-log.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const refused = await app.request('GET', `/api/licences/${id}`, { token: oversight });

    expect(refused.status).toBe(503);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({
      code: 'ACCESS_AUDIT_UNAVAILABLE',
      status: 503,
      instance: `/api/licences/${id}`,
      detail: expect.stringContaining(`the access log ${file} was removed while in use`),
    });
    expect(JSON.stringify(refused.body)).not.toContain('Thales');
    // A report written as it is read is refused the same way: not a byte of it leaves.
    const report = await app.request('GET', '/api/statistics/issued?year=2024&format=csv', {
      token: app.token('reporting', 'stats-job'),
    });
    expect(report.status).toBe(503);
    expect(report.contentType).toMatch(/^application\/problem\+json/);
    expect(report.body).toMatchObject({ code: 'ACCESS_AUDIT_UNAVAILABLE' });
    // Requests that are not audited go on, and the process stays up.
    expect((await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).status).toBe(200);
    expect((await app.request('GET', '/health')).status).toBe(200);

    await app.stop();
    await expect(app.start()).rejects.toThrow(
      /^the access log is missing, while its anchor names record 2 \(hash [0-9a-f]{64}\).*npm run access-log -- acknowledge-new/,
    );
  });
});
