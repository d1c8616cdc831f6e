import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assessment, caseBody } from './support/cases';
import { TestApp } from './support/test-app';

describe('access audit of oversight and reporting reads', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  it('records who read which case and when, lists it for admins only, and never lets it be edited', async () => {
    const id = (await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() })).body
      .id as string;
    await app.request('POST', `/api/licences/${id}/issue`, { role: 'assessor', body: { assessment } });
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

    const log = await app.request('GET', '/api/oversight/access-log', { role: 'admin' });
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(4);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        sub: 'stats-job',
        role: 'reporting',
        route: '/api/licences',
        url: '/api/licences?destination=DE',
        caseId: null,
        status: 200,
      }),
      expect.objectContaining({ sub: 'audit-office', route: '/api/licences/:id', status: 404 }),
      expect.objectContaining({
        sub: 'audit-office',
        route: '/api/licences/:id/history',
        caseId: id,
        status: 200,
      }),
      expect.objectContaining({
        sub: 'audit-office',
        role: 'oversight',
        route: '/api/licences/:id',
        caseId: id,
        at: '2025-02-03T09:00:00.000Z',
      }),
    ]);
    const forCase = await app.request('GET', `/api/oversight/access-log?caseId=${id}`, { role: 'admin' });
    expect(forCase.body.total).toBe(2);
    const bySub = await app.request('GET', '/api/oversight/access-log?sub=stats-job', { role: 'admin' });
    expect(bySub.body.total).toBe(1);
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
});
