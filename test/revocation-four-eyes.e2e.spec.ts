import { assessment, revocation as revocationBody } from './support/cases';
import { TestApp } from './support/test-app';

/*
 * Revocation by two officials over HTTP: one proposes, another approves, and that other is
 * neither the proposer nor an official who issued or extended the licence. Officials are told
 * apart by the token's `sub`; a token may hold several roles but each request acts in one.
 */
describe('revocation by two officials (four eyes) over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await new TestApp().start();
  });

  afterAll(async () => {
    await app.dispose();
  });

  beforeEach(() => app.clock.set('2024-11-28T10:00:00Z'));

  /** The standard grounds, with evidence dated before the first proposal of these tests. */
  const revocation = {
    ...revocationBody,
    evidence: revocationBody.evidence.map((e) => ({ ...e, date: '2024-11-01' })),
  };

  /** One official holding both assessor roles, as issue 10 describes. */
  const DUAL = ['assessor', 'senior-assessor'];

  const post = (path: string, token: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    app.request('POST', path, { token, body, headers });

  async function issuedBy(token: string): Promise<string> {
    const id = await app.registerCase();
    const issued = await post(`/api/licences/${id}/issue`, token, { assessment });
    expect(issued).toMatchObject({ status: 200, body: { status: 'issued' } });
    return id;
  }

  const propose = (id: string, token: string, headers: Record<string, string> = {}) =>
    post(`/api/licences/${id}/revocation-proposal`, token, revocation, headers);

  it('one official (same sub) cannot issue and then approve the revocation, whatever role they act in', async () => {
    const dual = app.token(DUAL, 'dana');
    // /issue allows only assessors: the one role that fits is used, no header needed.
    const id = await issuedBy(dual);
    expect(await propose(id, app.token('assessor', 'erik'))).toMatchObject({ status: 200 });

    app.clock.set('2024-12-02T10:00:00Z');
    const byIssuer = await post(`/api/licences/${id}/revoke`, dual);
    expect(byIssuer).toMatchObject({
      status: 403,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'REVOCATION_APPROVER_DECIDED_LICENCE', title: 'Separation of duties', official: 'dana' },
    });
    const rejectByIssuer = await post(`/api/licences/${id}/revocation-proposal/reject`, dual, {
      reason: 'I issued it and see no reason',
    });
    expect(rejectByIssuer).toMatchObject({
      status: 403,
      body: { code: 'REVOCATION_APPROVER_DECIDED_LICENCE' },
    });

    const approved = await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'sanne'));
    expect(approved).toMatchObject({ status: 200, body: { status: 'revoked' } });

    const justification = await app.request(
      'GET',
      `/api/licences/${id}/revocation?minPosition=${approved.body.position}`,
      { role: 'oversight' },
    );
    expect(justification.status).toBe(200);
    expect(justification.body).toMatchObject({
      caseId: id,
      proposedBy: { sub: 'erik', role: 'assessor' },
      proposedOn: '2024-11-28',
      approvedBy: { sub: 'sanne', role: 'senior-assessor' },
      revokedOn: '2024-12-02',
      effectiveOn: '2024-12-02',
      // Awb art. 6:7: six weeks, counted from the day after the decision.
      objectionDeadline: '2025-01-13',
      objectionTermId: 'awb-6:7',
      circumstances: revocation.circumstances,
      evidence: revocation.evidence,
      additionalEvidence: [],
    });

    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'oversight' });
    const steps = (history.body.decisions as { type: string; actor: unknown }[]).map((e) => [
      e.type,
      e.actor,
    ]);
    expect(steps.slice(1)).toEqual([
      ['Issued', { sub: 'dana', role: 'assessor' }],
      ['RevocationProposed', { sub: 'erik', role: 'assessor' }],
      ['RevokedForChangedCircumstances', { sub: 'sanne', role: 'senior-assessor' }],
    ]);
  });

  it('a token with both roles must pick one with X-Acting-Role where both fit, and the choice is recorded', async () => {
    const dual = app.token(DUAL, 'dirk');
    const id = await issuedBy(app.token('assessor', 'ines'));

    const unnamed = await propose(id, dual);
    expect(unnamed).toMatchObject({ status: 400, body: { code: 'ACTING_ROLE_REQUIRED' } });
    expect(await propose(id, dual, { 'X-Acting-Role': 'chief' })).toMatchObject({
      status: 400,
      body: { code: 'ACTING_ROLE_UNKNOWN' },
    });
    expect(await propose(id, dual, { 'X-Acting-Role': 'intake' })).toMatchObject({
      status: 403,
      body: { code: 'ACTING_ROLE_NOT_HELD' },
    });
    const withAdmin = app.token([...DUAL, 'admin'], 'dirk');
    expect(await propose(id, withAdmin, { 'X-Acting-Role': 'admin' })).toMatchObject({
      status: 403,
      body: { code: 'ACTING_ROLE_NOT_ALLOWED' },
    });
    // A route that allows only one of the token's roles acts in it; a header naming another is refused.
    expect(await post(`/api/licences/${id}/revoke`, dual, {}, { 'X-Acting-Role': 'assessor' })).toMatchObject(
      {
        status: 403,
        body: { code: 'ACTING_ROLE_NOT_ALLOWED' },
      },
    );

    const proposed = await propose(id, dual, { 'X-Acting-Role': 'senior-assessor' });
    expect(proposed).toMatchObject({ status: 200, body: { status: 'issued' } });

    const history = await app.request(
      'GET',
      `/api/licences/${id}/history?minPosition=${proposed.body.position}`,
      {
        role: 'oversight',
      },
    );
    expect(history.body.decisions.at(-1)).toMatchObject({
      type: 'RevocationProposed',
      actor: { sub: 'dirk', role: 'senior-assessor' },
      payload: { proposedBy: { sub: 'dirk', role: 'senior-assessor' } },
    });
    // A proposal is not a decision: the licence stays issued and valid, and says what is pending.
    const licence = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
    expect(licence.body).toMatchObject({
      status: 'issued',
      valid: true,
      lastDecision: { type: 'Issued' },
      revocationProposal: {
        proposedBy: { sub: 'dirk', role: 'senior-assessor' },
        proposedOn: '2024-11-28',
        circumstances: revocation.circumstances,
      },
    });
  });

  it('the proposer cannot approve or reject their own proposal, and only they may withdraw it', async () => {
    const sam = app.token('senior-assessor', 'sam');
    const id = await issuedBy(app.token('assessor', 'ian'));
    expect(await propose(id, sam)).toMatchObject({ status: 200 });

    expect(await post(`/api/licences/${id}/revoke`, sam)).toMatchObject({
      status: 403,
      body: { code: 'REVOCATION_APPROVER_IS_PROPOSER', official: 'sam' },
    });
    // The same person acting in another role is still the proposer.
    expect(await post(`/api/licences/${id}/revoke`, app.token(DUAL, 'sam'))).toMatchObject({
      status: 403,
      body: { code: 'REVOCATION_APPROVER_IS_PROPOSER' },
    });
    expect(
      await post(`/api/licences/${id}/revocation-proposal/reject`, sam, { reason: 'Mine' }),
    ).toMatchObject({
      status: 403,
      body: { code: 'REVOCATION_APPROVER_IS_PROPOSER' },
    });
    const otherWithdraws = await post(
      `/api/licences/${id}/revocation-proposal/withdraw`,
      app.token('assessor', 'ian'),
      {
        reason: 'Not mine to keep',
      },
    );
    expect(otherWithdraws).toMatchObject({ status: 403, body: { code: 'ONLY_PROPOSER_MAY_WITHDRAW' } });

    const withdrawn = await post(`/api/licences/${id}/revocation-proposal/withdraw`, sam, {
      reason: 'The report was retracted',
    });
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'issued' } });
    expect(await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'vera'))).toMatchObject({
      status: 409,
      body: { code: 'NO_OPEN_REVOCATION_PROPOSAL' },
    });
    const licence = await app.request('GET', `/api/licences/${id}?minPosition=${withdrawn.body.position}`, {
      role: 'assessor',
    });
    expect(licence.body).toMatchObject({ status: 'issued', valid: true });
    expect(licence.body.revocationProposal).toBeUndefined();
  });

  it('an official who issued or extended the licence cannot approve; a second official rejects, then revokes once', async () => {
    const id = await issuedBy(app.token('assessor', 'ivy'));
    app.clock.set('2025-01-06T10:00:00Z');
    const extended = await post(`/api/licences/${id}/extend`, app.token('assessor', 'eli'), {
      reassessment: assessment,
    });
    expect(extended).toMatchObject({ status: 200, body: { status: 'issued' } });
    expect(await propose(id, app.token('assessor', 'pia'))).toMatchObject({ status: 200 });

    for (const sub of ['ivy', 'eli']) {
      expect(await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', sub))).toMatchObject({
        status: 403,
        body: { code: 'REVOCATION_APPROVER_DECIDED_LICENCE', official: sub },
      });
    }
    const rita = app.token('senior-assessor', 'rita');
    expect(await post(`/api/licences/${id}/revocation-proposal/reject`, rita, {})).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    const rejected = await post(`/api/licences/${id}/revocation-proposal/reject`, rita, {
      reason: 'The report does not concern this end user',
    });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'issued' } });

    app.clock.set('2025-02-03T10:00:00Z');
    expect(await propose(id, app.token('assessor', 'pia'))).toMatchObject({ status: 200 });
    const added = { title: 'Embassy cable', source: 'Embassy', date: '2025-02-01', reference: 'BZ-2025-9' };
    const revoked = await post(`/api/licences/${id}/revoke`, rita, { additionalEvidence: [added] });
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });

    // Never two revocations: the case is closed to every further step.
    expect(await post(`/api/licences/${id}/revoke`, app.token('senior-assessor', 'otto'))).toMatchObject({
      status: 409,
      body: { code: 'CASE_CLOSED' },
    });
    expect(await propose(id, app.token('assessor', 'pia'))).toMatchObject({
      status: 409,
      body: { code: 'CASE_CLOSED' },
    });

    const justification = await app.request(
      'GET',
      `/api/licences/${id}/revocation?minPosition=${revoked.body.position}`,
      {
        role: 'senior-assessor',
      },
    );
    expect(justification.body).toMatchObject({
      proposedBy: { sub: 'pia' },
      proposedOn: '2025-02-03',
      approvedBy: { sub: 'rita' },
      effectiveOn: '2025-02-03',
      objectionDeadline: '2025-03-17',
      extensions: 1,
      additionalEvidence: [added],
    });
    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'oversight' });
    expect((history.body.decisions as { type: string }[]).map((e) => e.type).slice(2)).toEqual([
      'Extended',
      'RevocationProposed',
      'RevocationProposalRejected',
      'RevocationProposed',
      'RevokedForChangedCircumstances',
    ]);
  });

  it('no one revokes alone: /revoke approves a proposal and takes no grounds of its own', async () => {
    const id = await issuedBy(app.token('assessor', 'ada'));
    const senior = app.token('senior-assessor', 'bert');
    const oneStep = await post(`/api/licences/${id}/revoke`, senior, revocation);
    expect(oneStep).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post(`/api/licences/${id}/revoke`, senior)).toMatchObject({
      status: 409,
      body: { code: 'NO_OPEN_REVOCATION_PROPOSAL' },
    });
    expect(await post(`/api/licences/${id}/revoke`, app.token('assessor', 'cas'))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    const licence = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
    expect(licence.body).toMatchObject({ status: 'issued', valid: true });
  });
});
