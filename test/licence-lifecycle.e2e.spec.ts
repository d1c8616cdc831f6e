import { TestApp } from './support/test-app';
import { assessment, caseBody, revocation } from './support/cases';

describe('licence lifecycle over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  it('takes a case from sondage to revocation, recording the rule and the dates', async () => {
    const created = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ procedure: 'sondage' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ revision: 0, status: 'sondage-requested' });
    const id = created.body.id as string;

    const answered = await app.request('POST', `/api/licences/${id}/sondage-answer`, {
      role: 'assessor',
      body: {
        outcome: 'positive',
        reasoning: 'Likely acceptable under unchanged circumstances',
        criteria: [],
      },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({
      id,
      revision: 1,
      status: 'sondage-answered',
      position: expect.any(Number),
    });

    const applied = await app.request('POST', `/api/licences/${id}/apply`, { role: 'intake' });
    expect(applied.body).toMatchObject({ revision: 2, status: 'applied' });

    const issued = await app.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      revision: 3,
      status: 'issued',
      validFrom: '2024-11-28',
      validUntil: '2027-11-27',
      ruleId: 'allies',
    });

    app.clock.set('2026-06-01T09:00:00Z');
    const extended = await app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment, validUntil: '2028-12-31' },
    });
    expect(extended.body).toMatchObject({
      revision: 4,
      status: 'issued',
      validFrom: '2024-11-28',
      validUntil: '2028-12-31',
    });

    app.clock.set('2026-06-20T09:00:00Z');
    const proposed = await app.request('POST', `/api/licences/${id}/revocation-proposal`, {
      role: 'assessor',
      body: revocation,
    });
    // A proposal is not a decision: the licence stays issued until a second official approves.
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ revision: 5, status: 'issued' });

    app.clock.set('2026-07-01T09:00:00Z');
    const revoked = await app.request('POST', `/api/licences/${id}/revoke`, {
      role: 'senior-assessor',
      body: {},
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revision: 6, status: 'revoked' });

    const state = await app.request('GET', `/api/licences/${id}`, { role: 'oversight' });
    expect(state.status).toBe(200);
    expect(state.headers.get('etag')).toBe('"6"');
    expect(state.body).toMatchObject({
      id,
      revision: 6,
      status: 'revoked',
      procedure: 'sondage',
      kind: 'individual',
      goodsCategory: 'military',
      destination: { country: 'DE', endUser: 'Bundeswehr' },
      applicant: { name: 'Thales Nederland B.V.', chamberOfCommerceNumber: '06061578' },
      sondage: { outcome: 'positive' },
      validUntil: '2028-12-31',
      ruleId: 'allies',
      policyVersion: 'nl-export-licence-validity@2023-04-18',
      extensions: 1,
      lastDecision: { type: 'RevokedForChangedCircumstances', decisionDate: '2026-07-01' },
    });

    const again = await app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CASE_CLOSED', status: 409 });
  });

  it('gives a Turkish destination one year and an after-sales licence to a non-ally three years', async () => {
    const turkey = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ destination: { country: 'TR', endUser: 'Turkish Navy' } }),
    });
    const tr = await app.request('POST', `/api/licences/${turkey.body.id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(tr.body).toMatchObject({ ruleId: 'default', validFrom: '2024-11-28', validUntil: '2025-11-27' });

    const afterSales = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ afterSales: true, destination: { country: 'SA', endUser: 'Royal Saudi Air Force' } }),
    });
    const sa = await app.request('POST', `/api/licences/${afterSales.body.id}/issue`, {
      role: 'assessor',
      body: { assessment, validFrom: '2025-01-01' },
    });
    expect(sa.body).toMatchObject({
      ruleId: 'after-sales',
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
    });
  });

  it('counts the decision date in Europe/Amsterdam, not UTC', async () => {
    app.clock.set('2024-11-27T23:30:00Z');
    const created = await app.request('POST', '/api/licences', {
      role: 'intake',
      // Outside the EU: a dual-use export to a member state is no export (Regulation 2021/821 art. 2(2)).
      body: caseBody({
        goodsCategory: 'dual-use',
        goods: [{ controlListEntry: '5A002.a', description: 'Crypto module', quantity: 10, valueEur: 5000 }],
        destination: { country: 'US', endUser: 'US Army' },
      }),
    });
    const issued = await app.request('POST', `/api/licences/${created.body.id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(issued.body).toMatchObject({
      ruleId: 'dual-use-national-practice',
      validFrom: '2024-11-28',
      validUntil: '2025-11-27',
    });
  });

  it('shows an issued licence as expired the day after validUntil and takes no further decision', async () => {
    const created = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ kind: 'transit' }),
    });
    const id = created.body.id;
    await app.request('POST', `/api/licences/${id}/issue`, { role: 'assessor', body: { assessment } });

    app.clock.set('2025-11-27T12:00:00Z');
    expect((await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).body.status).toBe(
      'issued',
    );

    app.clock.set('2025-11-28T12:00:00Z');
    expect((await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).body.status).toBe(
      'expired',
    );
    const revoke = await app.request('POST', `/api/licences/${id}/revocation-proposal`, {
      role: 'assessor',
      body: revocation,
    });
    expect(revoke.status).toBe(409);
    expect(revoke.body.code).toBe('CASE_CLOSED');
  });

  it('denies and withdraws applications, and refuses what the lifecycle forbids', async () => {
    const denied = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
    const deny = await app.request('POST', `/api/licences/${denied.body.id}/deny`, {
      role: 'assessor',
      body: { criteria: [1, 7], reasoning: 'Arms embargo and diversion risk' },
    });
    expect(deny.body).toMatchObject({ status: 'denied', revision: 1 });
    const issueDenied = await app.request('POST', `/api/licences/${denied.body.id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(issueDenied).toMatchObject({ status: 409, body: { code: 'CASE_CLOSED' } });

    const sondage = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ procedure: 'sondage' }),
    });
    const issueSondage = await app.request('POST', `/api/licences/${sondage.body.id}/issue`, {
      role: 'assessor',
      body: { assessment },
    });
    expect(issueSondage.status).toBe(409);
    expect(issueSondage.contentType).toContain('application/problem+json');
    expect(issueSondage.body).toMatchObject({ code: 'ISSUE_NOT_ALLOWED', status: 409 });
    const applyEarly = await app.request('POST', `/api/licences/${sondage.body.id}/apply`, {
      role: 'intake',
    });
    expect(applyEarly.body.code).toBe('APPLY_NOT_ALLOWED');

    const withdraw = await app.request('POST', `/api/licences/${sondage.body.id}/withdraw`, {
      role: 'intake',
      body: { reason: 'Contract lost' },
    });
    expect(withdraw.body).toMatchObject({ status: 'withdrawn' });
    const answerWithdrawn = await app.request('POST', `/api/licences/${sondage.body.id}/sondage-answer`, {
      role: 'assessor',
      body: { outcome: 'negative', reasoning: 'x' },
    });
    expect(answerWithdrawn.body.code).toBe('CASE_CLOSED');

    const missing = await app.request('GET', '/api/licences/00000000-0000-4000-8000-000000000000', {
      role: 'assessor',
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
    const missingIssue = await app.request(
      'POST',
      '/api/licences/00000000-0000-4000-8000-000000000000/issue',
      { role: 'assessor', body: { assessment } },
    );
    expect(missingIssue).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
  });

  it('refuses domain rules with 422 and appends nothing', async () => {
    const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
    const id = created.body.id;
    const early = await app.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment, validFrom: '2024-11-27' },
    });
    expect(early).toMatchObject({
      status: 422,
      body: { code: 'VALID_FROM_BEFORE_DECISION', field: 'validFrom' },
    });

    const unknownCountry = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ destination: { country: 'XX', endUser: 'x' } }),
    });
    expect(unknownCountry).toMatchObject({ status: 422, body: { code: 'UNKNOWN_COUNTRY' } });
    const mismatch = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ goodsCategory: 'dual-use' }),
    });
    expect(mismatch).toMatchObject({
      status: 422,
      body: { code: 'CONTROL_LIST_ENTRY_MISMATCH', field: 'goods.0.controlListEntry' },
    });
    const transitAfterSales = await app.request('POST', '/api/licences', {
      role: 'intake',
      body: caseBody({ kind: 'brokering', afterSales: true }),
    });
    expect(transitAfterSales).toMatchObject({
      status: 422,
      body: { code: 'AFTER_SALES_REQUIRES_EXPORT_LICENCE' },
    });

    await app.request('POST', `/api/licences/${id}/issue`, { role: 'assessor', body: { assessment } });
    const tooLong = await app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment, validUntil: '2030-01-01' },
    });
    expect(tooLong).toMatchObject({
      status: 422,
      body: { code: 'EXTENSION_BEYOND_RULE', maxValidUntil: '2027-11-27' },
    });
    const notLater = await app.request('POST', `/api/licences/${id}/extend`, {
      role: 'assessor',
      body: { reassessment: assessment },
    });
    expect(notLater).toMatchObject({ status: 422, body: { code: 'EXTENSION_NOT_LATER' } });
    const futureEvidence = await app.request('POST', `/api/licences/${id}/revocation-proposal`, {
      role: 'assessor',
      body: { ...revocation, evidence: [{ ...revocation.evidence[0], date: '2030-01-01' }] },
    });
    expect(futureEvidence).toMatchObject({ status: 422, body: { code: 'EVIDENCE_FROM_THE_FUTURE' } });

    const state = await app.request('GET', `/api/licences/${id}`, { role: 'assessor' });
    expect(state.body).toMatchObject({ revision: 1, status: 'issued' });
  });
});
