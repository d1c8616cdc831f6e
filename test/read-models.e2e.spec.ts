import { amsterdamDateOf } from '@licences/licensing-domain';
import { TestApp } from './support/test-app';
import { assessment, revocation } from './support/cases';
import { timeoutAbove, waitUntil } from './support/waiting';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A rebuild of a few events in the API's own process (milliseconds when idle). */
const REBUILD_MS = 20_000;

/** An instant strictly between two recordings. */
async function instantBetween(): Promise<string> {
  await pause(15);
  const instant = new Date().toISOString();
  await pause(15);
  return instant;
}

describe('read models over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const register = (overrides: Record<string, unknown> = {}) => app.registerCase(overrides);
  const issue = (id: string, body: Record<string, unknown> = {}) => app.issueLicence(id, body);

  it('answers a licence now, on a business date (validOn) and as known at an instant (asOf)', async () => {
    app.clock.set('2025-01-08T10:00:00Z');
    const id = await register({ destination: { country: 'SA', endUser: 'Royal Saudi Air Force' } });
    const beforeIssue = await instantBetween();
    app.clock.set('2025-01-10T10:00:00Z');
    await issue(id);
    const afterIssue = await instantBetween();
    app.clock.set('2025-12-01T10:00:00Z');
    await app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment },
    });
    const afterExtension = await instantBetween();
    app.clock.set('2026-02-01T10:00:00Z');
    expect(await app.revokeLicence(id, revocation)).toMatchObject({
      status: 200,
      body: { status: 'revoked' },
    });

    const get = async (query: string) =>
      (await app.request('GET', `/api/licences/${id}${query}`, { role: 'oversight' })).body;

    expect(await get('')).toMatchObject({
      status: 'revoked',
      valid: false,
      validUntil: '2026-11-30',
      revision: 4,
    });
    // Business time, with everything known now.
    expect(await get('?validOn=2025-01-09')).toMatchObject({ status: 'applied', valid: false, revision: 0 });
    expect(await get('?validOn=2025-01-07')).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    expect(await get('?validOn=2025-06-01')).toMatchObject({
      status: 'issued',
      valid: true,
      validUntil: '2026-01-09',
    });
    expect(await get('?validOn=2026-01-20')).toMatchObject({
      status: 'issued',
      valid: true,
      validUntil: '2026-11-30',
    });
    expect(await get('?validOn=2026-02-01')).toMatchObject({ status: 'revoked', valid: false });
    // Recorded time: what the system knew then (status judged on that instant's date).
    expect(await get(`?asOf=${beforeIssue}`)).toMatchObject({
      status: 'applied',
      revision: 0,
      asOf: beforeIssue,
    });
    // Recorded instants are the store's real clock, so alone `asOf` judges status on that real
    // day, long after the one-year end date the system knew of then.
    expect(await get(`?asOf=${afterIssue}`)).toMatchObject({
      status: 'expired',
      validUntil: '2026-01-09',
      revision: 1,
      evaluatedOn: amsterdamDateOf(new Date(afterIssue)),
    });
    // Both: as known before the extension, the licence would have expired by 2026-01-20.
    expect(await get(`?asOf=${afterIssue}&validOn=2026-01-20`)).toMatchObject({
      status: 'expired',
      valid: false,
    });
    expect(await get(`?asOf=${afterExtension}&validOn=2026-01-20`)).toMatchObject({
      status: 'issued',
      valid: true,
    });
  });

  it('lists licences with filters, paging and both senses of the past', async () => {
    app.clock.set('2025-01-10T10:00:00Z');
    const de = await register();
    const tr = await register({ destination: { country: 'TR', endUser: 'Turkish Navy' } });
    const dualUse = await register({
      goodsCategory: 'dual-use',
      goods: [{ controlListEntry: '5A002.a', description: 'Crypto', quantity: 10, valueEur: 5000 }],
      destination: { country: 'US', endUser: 'US Army' },
    });
    const uav = await register({
      goods: [{ controlListEntry: 'ML10.a', description: 'UAV', quantity: 1, valueEur: 9e6 }],
    });
    await issue(de);
    await issue(tr);
    await issue(uav);
    const beforeDualUse = await instantBetween();
    await issue(dualUse);

    const list = async (query: string) =>
      (await app.request('GET', `/api/licences?${query}`, { role: 'assessor' })).body;
    expect((await list('')).total).toBe(4);
    expect((await list('destination=TR')).items.map((i: { id: string }) => i.id)).toEqual([tr]);
    expect((await list('goodsCategory=dual-use')).items.map((i: { id: string }) => i.id)).toEqual([dualUse]);
    expect((await list('controlListEntry=ML10')).items.map((i: { id: string }) => i.id)).toEqual([uav]);
    expect((await list('controlListEntry=ML1')).total).toBe(0);
    const page = await list('pageSize=3&page=2');
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.items).toHaveLength(1);

    // One year for TR and dual-use (until 2026-01-09), three for DE and the UAV.
    app.clock.set('2026-03-01T10:00:00Z');
    expect((await list('status=expired')).items.map((i: { id: string }) => i.id).sort()).toEqual(
      [tr, dualUse].sort(),
    );
    expect((await list('status=issued')).total).toBe(2);
    expect((await list('validOn=2025-06-01')).total).toBe(4);
    expect((await list('validOn=2026-06-01')).items.map((i: { id: string }) => i.id).sort()).toEqual(
      [de, uav].sort(),
    );
    expect((await list('validOn=2025-01-09')).total).toBe(0);
    expect(
      (await list(`asOf=${beforeDualUse}&status=applied`)).items.map((i: { id: string }) => i.id),
    ).toEqual([dualUse]);
    expect((await list(`asOf=${beforeDualUse}&validOn=2025-06-01`)).total).toBe(3);
    // At a point in time under filters on what a case never changes (read from the periods' range).
    const ids = async (query: string) => (await list(query)).items.map((i: { id: string }) => i.id);
    expect(await ids('validOn=2026-06-01&destination=TR')).toEqual([]);
    expect(await ids('validOn=2025-06-01&destination=TR')).toEqual([tr]);
    expect(await ids('validOn=2026-06-01&controlListEntry=ML10')).toEqual([uav]);
    expect(await ids(`asOf=${beforeDualUse}&goodsCategory=dual-use`)).toEqual([dualUse]);
    expect(await ids(`asOf=${beforeDualUse}&goodsCategory=dual-use&status=issued`)).toEqual([]);
    // As recorded then, judged today (2026-03-01): TR's year ran out on 2026-01-09.
    expect(await ids(`asOf=${beforeDualUse}&destination=TR&status=issued`)).toEqual([]);
    expect(await list(`asOf=${beforeDualUse}&destination=TR&status=expired`)).toMatchObject({
      total: 1,
      items: [{ id: tr, status: 'expired' }],
    });
  });

  it('serves the decision history and the revocation justification', async () => {
    app.clock.set('2025-01-10T10:00:00Z');
    const id = await register();
    await issue(id);
    const notRevoked = await app.request('GET', `/api/licences/${id}/revocation`, { role: 'oversight' });
    expect(notRevoked).toMatchObject({ status: 404, body: { code: 'NOT_REVOKED' } });

    app.clock.set('2025-04-01T09:00:00Z');
    const revoked = await app.revokeLicence(id, revocation, { proposer: 'dave', approver: 'carol' });
    expect(revoked.status).toBe(200);

    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'oversight' });
    expect(history.status).toBe(200);
    expect(history.body.decisions.map((d: { type: string }) => d.type)).toEqual([
      'Applied',
      'Issued',
      'RevocationProposed',
      'RevokedForChangedCircumstances',
    ]);
    expect(history.body.decisions[1]).toMatchObject({
      revision: 1,
      decisionDate: '2025-01-10',
      actor: { sub: 'assessor-user', role: 'assessor' },
      ruleId: 'allies',
      policyVersion: 'nl-export-licence-validity@2023-04-18',
      payload: { validFrom: '2025-01-10', validUntil: '2028-01-09', assessment },
    });
    expect(history.body.decisions[2].recordedAt).toEqual(expect.any(String));

    const justification = await app.request('GET', `/api/licences/${id}/revocation`, { role: 'oversight' });
    expect(justification.body).toMatchObject({
      caseId: id,
      revokedOn: '2025-04-01',
      proposedBy: { sub: 'dave', role: 'assessor' },
      proposedOn: '2025-04-01',
      approvedBy: { sub: 'carol', role: 'senior-assessor' },
      effectiveOn: '2025-04-01',
      objectionDeadline: '2025-05-13',
      circumstances: revocation.circumstances,
      criteria: [2, 3],
      evidence: revocation.evidence,
      destinationCountry: 'DE',
      issuedOn: '2025-01-10',
      validUntil: '2028-01-09',
      daysBetweenIssueAndRevocation: 81,
      daysOfValidityLeft: 1014,
    });
    const missing = await app.request('GET', '/api/licences/00000000-0000-4000-8000-000000000000/history', {
      role: 'oversight',
    });
    expect(missing.status).toBe(404);
  });

  it(
    'reports projection checkpoints to admin and oversight, and rebuilds on request without changing answers',
    async () => {
      app.clock.set('2025-06-01T10:00:00Z');
      const ids = [
        await register(),
        await register({ kind: 'global' }),
        await register({ destination: { country: 'JP', endUser: 'JSDF' } }),
      ];
      for (const id of ids) await issue(id);
      expect((await app.revokeLicence(ids[0] as string, revocation)).status).toBe(200);
      const before = await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' });

      const status = await app.request('GET', '/api/projections', { role: 'oversight' });
      expect(status.status).toBe(200);
      expect(status.body.map((p: { name: string }) => p.name).sort()).toEqual([
        'decision-history',
        'licence-validity',
        'revocation-justification',
        'statistics',
      ]);
      for (const p of status.body)
        expect(p).toMatchObject({ checkpoint: 8, headPosition: 8, lag: 0, state: 'running' });
      expect((await app.request('GET', '/api/projections', { role: 'assessor' })).status).toBe(403);

      const started = await app.request('POST', '/api/projections/licence-validity/rebuild', {
        role: 'admin',
      });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ projection: 'licence-validity', state: 'rebuilding' });
      let validity: { state: string; rebuild?: { state: string; eventsDone: number } } | undefined;
      await waitUntil(
        async () => {
          const all = (await app.request('GET', '/api/projections', { role: 'admin' })).body as {
            name: string;
          }[];
          validity = all.find((p) => p.name === 'licence-validity') as typeof validity;
          return validity?.rebuild !== undefined && validity.rebuild.state !== 'rebuilding';
        },
        'the rebuild of licence-validity ends',
        REBUILD_MS,
      );
      expect(validity?.rebuild).toMatchObject({
        state: 'completed',
        eventsDone: 8,
        targetPosition: 8,
        position: 8,
      });
      const after = await app.request('GET', '/api/licences?pageSize=500', { role: 'oversight' });
      expect(after.body).toEqual(before.body);
      expect((await app.request('POST', '/api/projections/nonsense/rebuild', { role: 'admin' })).status).toBe(
        404,
      );
      expect(
        (await app.request('POST', '/api/projections/licence-validity/rebuild', { role: 'oversight' }))
          .status,
      ).toBe(403);
    },
    timeoutAbove(REBUILD_MS),
  );

  it('refuses malformed point-in-time and filter parameters with 400', async () => {
    for (const query of [
      'validOn=2025-02-30',
      'asOf=yesterday',
      'asOf=2025-01-01',
      'status=valid',
      'pageSize=501',
      'page=0',
      'destination=nl',
      'controlListEntry=ML23',
      'extra=1',
    ]) {
      const answer = await app.request('GET', `/api/licences?${query}`, { role: 'assessor' });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  });
});
