import { join } from 'node:path';
import { assessment } from './support/cases';
import { caseEventTypes } from './support/measure-store';
import { TestApp } from './support/test-app';
import { waitUntil } from './support/waiting';

/*
 * A country measure over a handful of cases, over HTTP: proposed by one senior assessor,
 * approved by another; pending cases to the destination are held, valid licences to it are put
 * up for reassessment, an assessor answers one, and lifting releases the holds.
 */

const EXECUTION_MS = 30_000;

describe('country measures over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const senior = (sub: string) => ({ token: app.token('senior-assessor', sub) });
  const to = (country: string) => ({ destination: { country, endUser: `Armed forces of ${country}` } });

  async function measureOf(id: string) {
    return (await app.request('GET', `/api/measures/${id}`, { role: 'assessor' })).body;
  }

  async function caseOf(id: string) {
    return (await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).body;
  }

  it('holds pending cases and reassesses valid licences to the destination only, and lifting releases the holds', async () => {
    const pendingTr = await app.registerCase(to('TR'));
    const sondageTr = await app.registerCase({ ...to('TR'), procedure: 'sondage' });
    const pendingDe = await app.registerCase(to('DE'));
    const licenceTr = await app.registerCase(to('TR'));
    expect((await app.issueLicence(licenceTr)).status).toBe(200);
    const licenceDe = await app.registerCase(to('DE'));
    expect((await app.issueLicence(licenceDe)).status).toBe(200);

    const proposed = await app.request('POST', '/api/measures', {
      ...senior('senior-a'),
      body: { destination: 'TR', legalGround: 'Kamerstuk 22054-316', reasons: 'Military operation in Syria' },
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedBy: { sub: 'senior-a' } });

    const bySelf = await app.request('POST', `/api/measures/${id}/approve`, {
      ...senior('senior-a'),
      body: {},
    });
    expect(bySelf.status).toBe(403);
    expect(bySelf.body.code).toBe('MEASURE_APPROVER_IS_PROPOSER');
    const byAssessor = await app.request('POST', `/api/measures/${id}/approve`, {
      role: 'assessor',
      body: {},
    });
    expect(byAssessor.status).toBe(403);

    const approved = await app.request('POST', `/api/measures/${id}/approve`, {
      ...senior('senior-b'),
      body: {},
    });
    expect(approved.status).toBe(200);
    await waitUntil(
      async () => (await measureOf(id)).executed === true,
      'the measure is executed',
      EXECUTION_MS,
      50,
    );

    const measure = await measureOf(id);
    expect(measure).toMatchObject({
      destination: 'TR',
      legalGround: 'Kamerstuk 22054-316',
      status: 'approved',
      approvedBy: { sub: 'senior-b' },
      progress: {
        holds: { done: 2, total: 2, notApplicable: 0 },
        reassessments: { done: 1, total: 1, notApplicable: 0 },
      },
      reassessments: [{ caseId: licenceTr, outcome: 'pending' }],
    });

    // Held cases take no decision; cases to elsewhere are untouched.
    const blocked = await app.issueLicence(pendingTr);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CASE_ON_HOLD');
    const eventsFile = join(app.dataDir, 'licences.sqlite');
    const history = (caseId: string) => caseEventTypes(eventsFile, caseId);
    expect(history(sondageTr)).toContain('PutOnHold');
    expect(history(pendingDe)).not.toContain('PutOnHold');
    expect(history(licenceDe)).not.toContain('ReassessmentRequested');
    expect(history(licenceTr)).toContain('ReassessmentRequested');

    const reassessed = await app.request('POST', `/api/licences/${licenceTr}/reassess`, {
      role: 'assessor',
      body: { assessment, outcome: 'maintained', measureId: id },
    });
    expect(reassessed.status).toBe(200);
    const answered = await measureOf(id);
    expect(answered.reassessments).toEqual([{ caseId: licenceTr, outcome: 'maintained' }]);
    expect(answered.outcomes).toMatchObject({ maintained: 1, pending: 0 });

    const lifted = await app.request('POST', `/api/measures/${id}/lift`, {
      ...senior('senior-a'),
      body: { reason: 'The operation ended' },
    });
    expect(lifted.status).toBe(200);
    await waitUntil(
      async () => (await measureOf(id)).liftExecuted === true,
      'the lift is executed',
      EXECUTION_MS,
      50,
    );
    expect((await measureOf(id)).progress.releases).toEqual({ done: 2, total: 2, notApplicable: 0 });
    expect(history(pendingTr)).toContain('Released');
    expect((await app.issueLicence(pendingTr)).status).toBe(200);
    expect((await caseOf(pendingTr)).status).toBe('issued');

    const listed = await app.request('GET', '/api/measures', { role: 'oversight' });
    expect(listed.body).toEqual([
      expect.objectContaining({
        id,
        status: 'lifted',
        liftedBy: expect.objectContaining({ sub: 'senior-a' }),
      }),
    ]);
  }, 120_000);

  it('refuses a rejection by the proposer, and shows a rejected measure without touching a case', async () => {
    const pending = await app.registerCase(to('SA'));
    const proposed = await app.request('POST', '/api/measures', {
      ...senior('senior-a'),
      body: { destination: 'SA', legalGround: 'Council decision', reasons: 'Conflict in Yemen' },
    });
    const id = proposed.body.id as string;
    const bySelf = await app.request('POST', `/api/measures/${id}/reject`, {
      ...senior('senior-a'),
      body: { reason: 'Withdrawn' },
    });
    expect(bySelf.status).toBe(403);
    const rejected = await app.request('POST', `/api/measures/${id}/reject`, {
      ...senior('senior-b'),
      body: { reason: 'Not proportionate' },
    });
    expect(rejected.status).toBe(200);
    expect(await measureOf(id)).toMatchObject({ status: 'rejected', rejectedBy: { sub: 'senior-b' } });
    expect(
      (
        await app.request('POST', `/api/measures/${id}/lift`, {
          ...senior('senior-b'),
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(409);
    expect((await app.issueLicence(pending)).status).toBe(200);
  }, 60_000);

  it('refuses an unknown destination and an unknown measure', async () => {
    const unknown = await app.request('POST', '/api/measures', {
      ...senior('senior-a'),
      body: { destination: 'XX', legalGround: 'Ground', reasons: 'Reasons' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_COUNTRY');
    const missing = await app.request('GET', '/api/measures/3f2504e0-4f89-41d3-9a0c-0305e82c3301', {
      role: 'oversight',
    });
    expect(missing.status).toBe(404);
  });
});
