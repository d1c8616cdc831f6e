import { TestApp } from './support/test-app';
import { caseBody, caseBodyTo } from './support/cases';

/*
 * Issue 12 through the real app over HTTP: several destinations, the export type and firearms
 * act, the validity rows of Kamerstuk 22054-388, dual-use within the EU, and an application that
 * changes what its sondage asked. The clock stands on 2024-11-28 unless a test moves it.
 */
describe('domain fidelity over HTTP', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await new TestApp().start();
  });

  afterEach(async () => {
    await app.dispose();
  });

  const register = (body: Record<string, unknown>) =>
    app.request('POST', '/api/licences', { role: 'intake', body });
  const view = async (id: string) =>
    (await app.request('GET', `/api/licences/${id}`, { role: 'assessor' })).body;

  it('reads the legacy single destination as a list of one, giving the same view as destinations', async () => {
    const legacy = await register(caseBody());
    const current = await register(caseBodyTo([{ country: 'DE', endUser: 'Bundeswehr' }]));
    expect([legacy.status, current.status]).toEqual([201, 201]);
    // Two cases: their ids and the instants they were recorded differ, nothing else.
    const { id: _a, registeredAt: _ra, ...legacyView } = await view(legacy.body.id);
    const { id: _b, registeredAt: _rb, ...currentView } = await view(current.body.id);
    expect(currentView).toEqual(legacyView);
    expect(legacyView).toMatchObject({
      destinations: [{ country: 'DE', endUser: 'Bundeswehr' }],
      destination: { country: 'DE', endUser: 'Bundeswehr' },
      exportType: 'definitive',
      firearmsAct: false,
    });
    expect(legacyView).not.toHaveProperty('temporaryPurpose');
  });

  it('shows the contract term the applicant stated, so that a form filled from the view keeps it', async () => {
    const stated = await register(caseBody({ contract: { termMonths: 60 } }));
    const silent = await register(caseBody());
    expect(await view(stated.body.id)).toMatchObject({ contract: { termMonths: 60 } });
    expect(await view(silent.body.id)).not.toHaveProperty('contract');
  });

  it('refuses a body that gives both destination and destinations, naming the field', async () => {
    const both = await register({ ...caseBody(), destinations: [{ country: 'FR', endUser: 'DGA' }] });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([
      { field: 'destination', messages: [expect.stringContaining('not both')] },
    ]);
    const neither = await register({ ...caseBody(), destination: undefined });
    expect(neither.status).toBe(400);
    expect(neither.body.errors).toEqual([
      { field: 'destinations', messages: [expect.stringContaining('required')] },
    ]);
  });

  it('issues a global licence to Germany, France and the United States, found by its second destination', async () => {
    const destinations = [
      { country: 'DE', endUser: 'Bundeswehr' },
      { country: 'FR', endUser: 'DGA' },
      { country: 'US', endUser: 'US Army' },
    ];
    const created = await register(caseBodyTo(destinations, { kind: 'global' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await app.issueLicence(id)).body).toMatchObject({ ruleId: 'allies', validUntil: '2027-11-27' });
    expect(await view(id)).toMatchObject({ destinations, destination: destinations[0] });

    const listed = await app.request('GET', '/api/licences?destination=FR', { role: 'assessor' });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await app.request('GET', '/api/licences?destination=BE', { role: 'assessor' })).body.total).toBe(
      0,
    );
  });

  it('refuses two destinations on an individual licence and a destination named twice on a global one', async () => {
    const germany = { country: 'DE', endUser: 'Bundeswehr' };
    const two = [germany, { country: 'FR', endUser: 'DGA' }];
    const individual = await register(caseBodyTo(two));
    expect(individual.status).toBe(422);
    expect(individual.body).toMatchObject({
      code: 'SEVERAL_DESTINATIONS_REQUIRE_GLOBAL_LICENCE',
      field: 'destinations',
    });
    const twice = await register(caseBodyTo([germany, germany], { kind: 'global' }));
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('DUPLICATE_DESTINATION');
  });

  it('refuses dual-use goods to an EU member unless they are Annex IV items', async () => {
    const dualUse = (controlListEntry: string) =>
      caseBody({
        goodsCategory: 'dual-use',
        goods: [{ controlListEntry, description: 'Dual-use item', quantity: 1, valueEur: 10_000 }],
      });
    const crypto = await register(dualUse('5A002'));
    expect(crypto.status).toBe(422);
    expect(crypto.body.code).toBe('DUAL_USE_EXPORT_WITHIN_EU');
    const annexIv = await register(dualUse('0B001'));
    expect(annexIv.status).toBe(201);
  });

  it('gives a temporary trade-fair licence to Germany one year, a definitive one three', async () => {
    const fair = await register(
      caseBody({ exportType: 'temporary', temporaryPurpose: 'exhibition-or-demonstration' }),
    );
    expect(fair.status).toBe(201);
    expect((await app.issueLicence(fair.body.id)).body).toMatchObject({
      ruleId: 'temporary-export-one-year',
      validUntil: '2025-11-27',
    });
    expect(await view(fair.body.id)).toMatchObject({
      exportType: 'temporary',
      temporaryPurpose: 'exhibition-or-demonstration',
    });
    const definitive = await register(caseBody({ exportType: 'definitive' }));
    expect((await app.issueLicence(definitive.body.id)).body).toMatchObject({
      ruleId: 'allies',
      validUntil: '2027-11-27',
    });

    const noPurpose = await register(caseBody({ exportType: 'temporary' }));
    expect(noPurpose.body).toMatchObject({
      status: 422,
      code: 'TEMPORARY_PURPOSE_REQUIRED',
      field: 'temporaryPurpose',
    });
    const badType = await register(caseBody({ exportType: 'loan' }));
    expect(badType.status).toBe(400);
    expect(badType.body.errors).toEqual([{ field: 'exportType', messages: [expect.any(String)] }]);
  });

  it('gives military brokering within the EU three years', async () => {
    const brokering = await register(caseBodyTo([{ country: 'FR', endUser: 'DGA' }], { kind: 'brokering' }));
    expect((await app.issueLicence(brokering.body.id)).body).toMatchObject({
      ruleId: 'brokering-within-eu',
      validUntil: '2027-11-27',
    });
  });

  it('records what an application after a sondage changed, and that the new end user was not asked about', async () => {
    const sondage = await register(caseBody({ procedure: 'sondage' }));
    const id = sondage.body.id as string;
    await app.request('POST', `/api/licences/${id}/sondage-answer`, {
      role: 'assessor',
      body: { outcome: 'positive', reasoning: 'Likely acceptable', criteria: [] },
    });
    const { procedure: _procedure, ...details } = caseBodyTo([{ country: 'DE', endUser: 'Deutsche Marine' }]);
    const applied = await app.request('POST', `/api/licences/${id}/apply`, { role: 'intake', body: details });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', revision: 2 });

    expect(await view(id)).toMatchObject({
      destination: { country: 'DE', endUser: 'Deutsche Marine' },
      applicationChanges: {
        changes: [{ field: 'destinations' }],
        notCoveredBySondage: ['end-user'],
      },
    });
    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'assessor' });
    const appliedDecision = history.body.decisions.find((d: { type: string }) => d.type === 'Applied');
    expect(appliedDecision).toMatchObject({
      schemaVersion: 2,
      payload: {
        procedure: 'sondage',
        changes: [
          {
            field: 'destinations',
            sondage: [{ country: 'DE', endUser: 'Bundeswehr' }],
            application: [{ country: 'DE', endUser: 'Deutsche Marine' }],
          },
        ],
        notCoveredBySondage: ['end-user'],
      },
    });
  });

  it('refuses an application after a sondage by another applicant, and unknown fields in its body', async () => {
    const sondage = await register(caseBody({ procedure: 'sondage' }));
    const id = sondage.body.id as string;
    await app.request('POST', `/api/licences/${id}/sondage-answer`, {
      role: 'assessor',
      body: { outcome: 'positive', reasoning: 'Likely acceptable', criteria: [] },
    });
    const { procedure: _procedure, ...details } = caseBody({
      applicant: { name: 'Other B.V.', chamberOfCommerceNumber: '12345678' },
    });
    const other = await app.request('POST', `/api/licences/${id}/apply`, { role: 'intake', body: details });
    expect(other.body).toMatchObject({
      status: 422,
      code: 'APPLICANT_CHANGED',
      field: 'applicant.chamberOfCommerceNumber',
    });
    const unknown = await app.request('POST', `/api/licences/${id}/apply`, {
      role: 'intake',
      body: { ...caseBody(), reason: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'procedure',
      'reason',
    ]);
  });

  it('answers the policy for several destinations: the least favourable decides, with every row and why', async () => {
    const answer = await app.request(
      'GET',
      '/api/policy/validity?destination=DE&destination=TR&goodsCategory=military&kind=global&on=2024-11-28',
    );
    expect(answer.status).toBe(200);
    // Issued on 2024-11-28 for 12 months: valid through the day before the same date a year on.
    expect(answer.body).toMatchObject({
      months: 12,
      validUntil: '2025-11-27',
      ruleId: 'default',
      decidingDestination: 'TR',
    });
    const [de, tr] = answer.body.destinations;
    expect(de).toMatchObject({ country: 'DE', months: 36, ruleId: 'allies' });
    expect(tr).toMatchObject({ country: 'TR', months: 12, ruleId: 'default' });
    const alliesForTurkey = tr.rows.find((r: { ruleId: string }) => r.ruleId === 'allies');
    expect(alliesForTurkey).toMatchObject({
      matched: false,
      reasons: expect.arrayContaining([expect.any(String)]),
    });

    const q = (s: string) =>
      app.request('GET', `/api/policy/validity?goodsCategory=military&kind=individual&${s}`);
    expect((await q('destination=DE&exportType=temporary')).body).toMatchObject({
      months: 12,
      ruleId: 'temporary-export-one-year',
    });
    expect((await q('destination=DE&firearmsAct=true')).body).toMatchObject({
      months: 12,
      ruleId: 'firearms-act-one-year',
    });
    const unknown = await q('destination=DE&destination=XX');
    expect(unknown.body).toMatchObject({ status: 422, code: 'UNKNOWN_COUNTRY', field: 'destination' });
    expect((await q('destination=DE&exportType=loan')).status).toBe(400);
    const tooMany = await q(Array.from({ length: 51 }, () => 'destination=DE').join('&'));
    expect(tooMany.status).toBe(400);
  });
});
