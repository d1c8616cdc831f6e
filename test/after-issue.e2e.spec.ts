import { assessment, revocation as revocationBody } from './support/cases';
import { TestApp } from './support/test-app';

/*
 * What may happen to a case besides its main path, over HTTP: a licence reassessed (kept, or a
 * revocation proposed under the four-eyes rule), suspended and reinstated (not valid inside the
 * suspension, valid again the day after reinstatement, its end date unchanged), and a pending
 * case held and released (no decision while held).
 */
describe('after issue: reassessment, suspension and holds over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** An instant strictly between two recordings (recorded instants are the store's real clock). */
  async function instantBetween(): Promise<string> {
    await pause(15);
    const instant = new Date().toISOString();
    await pause(15);
    return instant;
  }

  const post = (path: string, token: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    app.request('POST', path, { token, body, headers });
  const get = async (path: string) => (await app.request('GET', path, { role: 'oversight' })).body;
  const listedIds = async (query: string) =>
    ((await get(`/api/licences?${query}`)).items as { id: string }[]).map((i) => i.id);

  /** Grounds with evidence dated before the decisions of these tests. */
  const grounds = {
    ...revocationBody,
    evidence: revocationBody.evidence.map((e) => ({ ...e, date: '2025-01-20' })),
  };
  const suspension = { criteria: grounds.criteria, evidence: grounds.evidence, reasons: 'Reports of misuse' };

  /** Registered on 2025-01-08, issued on 2025-01-10 to Germany by assessor anna. */
  async function issuedLicence(): Promise<{ id: string; validUntil: string }> {
    app.clock.set('2025-01-08T10:00:00Z');
    const id = await app.registerCase();
    app.clock.set('2025-01-10T10:00:00Z');
    const issued = await post(`/api/licences/${id}/issue`, app.token('assessor', 'anna'), { assessment });
    expect(issued).toMatchObject({ status: 200, body: { status: 'issued' } });
    return { id, validUntil: issued.body.validUntil as string };
  }

  it('reassesses a licence: maintained leaves it valid; revocation-proposed needs a second official', async () => {
    const { id } = await issuedLicence();
    app.clock.set('2025-02-03T10:00:00Z');
    const bram = app.token('assessor', 'bram');
    const reassess = (body: Record<string, unknown>, token = bram) =>
      post(`/api/licences/${id}/reassess`, token, body);

    expect(await reassess({ assessment, outcome: 'maintained' })).toMatchObject({
      status: 200,
      body: { status: 'issued' },
    });
    expect(await reassess({ assessment, outcome: 'maintained', revocation: grounds })).toMatchObject({
      status: 422,
      body: { code: 'REVOCATION_GROUNDS_WITHOUT_PROPOSAL' },
    });
    expect(await reassess({ assessment, outcome: 'revocation-proposed' })).toMatchObject({
      status: 422,
      body: { code: 'REVOCATION_GROUNDS_REQUIRED' },
    });
    expect((await reassess({ assessment, outcome: 'revoke' })).status).toBe(400);
    expect(
      (await reassess({ assessment, outcome: 'maintained' }, app.token('senior-assessor', 'sanne'))).status,
    ).toBe(403);

    const proposed = await reassess({ assessment, outcome: 'revocation-proposed', revocation: grounds });
    expect(proposed).toMatchObject({ status: 200, body: { status: 'issued' } });
    const view = await get(`/api/licences/${id}?minPosition=${proposed.body.position}`);
    expect(view).toMatchObject({
      status: 'issued',
      valid: true,
      reassessments: 2,
      reassessmentRequests: [],
      revocationProposal: { proposedBy: { sub: 'bram' }, circumstances: grounds.circumstances },
    });
    const history = await get(`/api/licences/${id}/history`);
    expect(history.decisions.map((e: { type: string }) => e.type)).toEqual([
      'Applied',
      'Issued',
      'Reassessed',
      'Reassessed',
      'RevocationProposed',
    ]);

    // The reassessor proposed the revocation: acting as senior assessor, they still cannot approve it.
    app.clock.set('2025-02-05T10:00:00Z');
    const byReassessor = await post(
      `/api/licences/${id}/revoke`,
      app.token(['assessor', 'senior-assessor'], 'bram'),
      {},
      {
        'x-acting-role': 'senior-assessor',
      },
    );
    expect(byReassessor).toMatchObject({
      status: 403,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'REVOCATION_APPROVER_IS_PROPOSER' },
    });
    expect(await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'sanne'))).toMatchObject({
      status: 200,
      body: { status: 'revoked' },
    });
    expect(await reassess({ assessment, outcome: 'maintained' })).toMatchObject({
      status: 409,
      body: { code: 'CASE_CLOSED' },
    });
  });

  it('suspends a licence: not valid inside the suspension, valid again the day after reinstatement', async () => {
    const { id, validUntil } = await issuedLicence();
    const senior = app.token('senior-assessor', 'sanne');
    app.clock.set('2025-03-10T10:00:00Z');
    expect((await post(`/api/licences/${id}/suspend`, app.token('assessor'), suspension)).status).toBe(403);
    expect((await post(`/api/licences/${id}/suspend`, senior, { ...suspension, evidence: [] })).status).toBe(
      400,
    );
    const suspended = await post(`/api/licences/${id}/suspend`, senior, suspension);
    expect(suspended).toMatchObject({ status: 200, body: { status: 'suspended', validUntil } });
    expect(await get(`/api/licences/${id}`)).toMatchObject({
      status: 'suspended',
      valid: false,
      validUntil,
      suspension: { suspendedOn: '2025-03-10', suspendedBy: { sub: 'sanne' }, reasons: 'Reports of misuse' },
      suspensions: [],
    });
    expect(await post(`/api/licences/${id}/suspend`, senior, suspension)).toMatchObject({
      status: 409,
      body: { code: 'LICENCE_ALREADY_SUSPENDED' },
    });
    const extended = await post(`/api/licences/${id}/extend`, app.token('assessor'), {
      reassessment: assessment,
    });
    expect(extended).toMatchObject({ status: 409, body: { code: 'LICENCE_SUSPENDED' } });
    expect(await listedIds('status=suspended')).toEqual([id]);
    expect(await listedIds('status=issued')).toEqual([]);
    const duringSuspension = await instantBetween();

    app.clock.set('2025-04-10T10:00:00Z');
    expect(
      (await post(`/api/licences/${id}/reinstate`, app.token('assessor'), { reason: 'Cleared' })).status,
    ).toBe(403);
    const reinstated = await post(`/api/licences/${id}/reinstate`, senior, {
      reason: 'The reports were not confirmed',
    });
    // The reinstatement day is the last day of the suspension.
    expect(reinstated).toMatchObject({ status: 200, body: { status: 'suspended', validUntil } });
    expect(await post(`/api/licences/${id}/reinstate`, senior, { reason: 'Again' })).toMatchObject({
      status: 409,
      body: { code: 'LICENCE_NOT_SUSPENDED' },
    });
    const now = await get(`/api/licences/${id}`);
    expect(now).toMatchObject({
      status: 'suspended',
      valid: false,
      validUntil,
      suspensions: [{ from: '2025-03-10', until: '2025-04-10' }],
    });
    expect(now.suspension).toBeUndefined();

    // validOn honours the window exactly, whatever is known now.
    expect(await listedIds('validOn=2025-03-09')).toEqual([id]);
    expect(await listedIds('validOn=2025-03-10')).toEqual([]);
    expect(await listedIds('validOn=2025-03-20')).toEqual([]);
    expect(await listedIds('validOn=2025-04-10')).toEqual([]);
    expect(await listedIds('validOn=2025-04-11')).toEqual([id]);
    expect(await get(`/api/licences/${id}?validOn=2025-04-11`)).toMatchObject({
      status: 'issued',
      valid: true,
      validUntil,
    });
    expect(await get(`/api/licences/${id}?validOn=2025-03-20`)).toMatchObject({
      status: 'suspended',
      valid: false,
    });
    expect(await listedIds('validOn=2025-03-20&status=suspended')).toEqual([id]);
    // As known during the suspension, nobody had reinstated it: still suspended the day after.
    expect(await get(`/api/licences/${id}?asOf=${duringSuspension}&validOn=2025-04-11`)).toMatchObject({
      status: 'suspended',
      valid: false,
      suspension: { suspendedOn: '2025-03-10' },
      suspensions: [],
    });
    expect(await listedIds(`asOf=${duringSuspension}&validOn=2025-04-11`)).toEqual([]);

    app.clock.set('2025-04-11T10:00:00Z');
    expect(await listedIds('status=issued')).toEqual([id]);
    expect(await listedIds('status=suspended')).toEqual([]);
    expect(await get(`/api/licences/${id}`)).toMatchObject({ status: 'issued', valid: true, validUntil });
    // Oversight replays the steps with who took them and why.
    const replay = await app.request('GET', `/api/oversight/licences/${id}/replay`, { role: 'oversight' });
    const steps = replay.body.steps.filter((step: { type: string }) =>
      ['Suspended', 'Reinstated'].includes(step.type),
    );
    expect(steps).toMatchObject([
      {
        type: 'Suspended',
        actor: { sub: 'sanne', role: 'senior-assessor' },
        decided: { reasons: 'Reports of misuse', criteria: grounds.criteria, effectiveOn: '2025-03-10' },
      },
      {
        type: 'Reinstated',
        actor: { sub: 'sanne', role: 'senior-assessor' },
        decided: {
          reason: 'The reports were not confirmed',
          suspendedOn: '2025-03-10',
          validAgainOn: '2025-04-11',
        },
      },
    ]);
  });

  it('holds a pending application: no decision until it is released', async () => {
    app.clock.set('2025-01-08T10:00:00Z');
    const id = await app.registerCase();
    const other = await app.registerCase();
    const assessor = app.token('assessor', 'anna');
    expect((await post(`/api/licences/${id}/hold`, app.token('intake'), { reason: 'Review' })).status).toBe(
      403,
    );
    expect((await post(`/api/licences/${id}/hold`, assessor, {})).status).toBe(400);
    const held = await post(`/api/licences/${id}/hold`, assessor, {
      reason: 'The situation is being reviewed',
    });
    expect(held).toMatchObject({ status: 200, body: { status: 'applied' } });
    expect(await get(`/api/licences/${id}`)).toMatchObject({
      onHold: true,
      holds: [
        {
          heldOn: '2025-01-08',
          reason: 'The situation is being reviewed',
          heldBy: { sub: 'anna' },
          measureId: null,
        },
      ],
    });
    expect(await post(`/api/licences/${id}/hold`, assessor, { reason: 'Twice' })).toMatchObject({
      status: 409,
      body: { code: 'CASE_ALREADY_ON_HOLD' },
    });
    expect(await app.issueLicence(id)).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'CASE_ON_HOLD' },
    });
    expect(
      await post(`/api/licences/${id}/deny`, assessor, { criteria: [2], reasoning: 'Risk' }),
    ).toMatchObject({
      status: 409,
      body: { code: 'CASE_ON_HOLD' },
    });
    expect(await listedIds('onHold=true')).toEqual([id]);
    expect(await listedIds('onHold=false')).toEqual([other]);
    expect(await listedIds(`onHold=true&validOn=2025-01-08`)).toEqual([]);
    expect(await listedIds(`onHold=true&asOf=${new Date().toISOString()}`)).toEqual([id]);
    expect((await app.request('GET', '/api/licences?onHold=yes', { role: 'oversight' })).status).toBe(400);

    app.clock.set('2025-01-09T10:00:00Z');
    expect(await post(`/api/licences/${id}/release`, assessor, { reason: 'Review complete' })).toMatchObject({
      status: 200,
    });
    expect(await get(`/api/licences/${id}`)).toMatchObject({ onHold: false, holds: [] });
    expect(await post(`/api/licences/${id}/release`, assessor, { reason: 'Again' })).toMatchObject({
      status: 409,
      body: { code: 'NO_SUCH_HOLD' },
    });
    expect(await listedIds('onHold=true')).toEqual([]);
    expect(await app.issueLicence(id)).toMatchObject({ status: 200, body: { status: 'issued' } });
    expect(await post(`/api/licences/${id}/hold`, assessor, { reason: 'Too late' })).toMatchObject({
      status: 409,
      body: { code: 'HOLD_NOT_ALLOWED' },
    });
  });

  it('honours If-Match and Idempotency-Key on the new steps', async () => {
    app.clock.set('2025-01-08T10:00:00Z');
    const id = await app.registerCase();
    const assessor = app.token('assessor', 'anna');
    const stale = await post(
      `/api/licences/${id}/hold`,
      assessor,
      { reason: 'Review' },
      { 'if-match': '"3"' },
    );
    expect(stale).toMatchObject({ status: 412, body: { code: 'REVISION_MISMATCH' } });
    const headers = { 'idempotency-key': 'hold-1' };
    const first = await post(`/api/licences/${id}/hold`, assessor, { reason: 'Review' }, headers);
    expect(first).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(first.headers.get('etag')).toBe('"1"');
    const repeat = await post(`/api/licences/${id}/hold`, assessor, { reason: 'Review' }, headers);
    expect(repeat).toMatchObject({ status: 200, body: first.body });
    expect((await get(`/api/licences/${id}`)).revision).toBe(1);
  });
});
