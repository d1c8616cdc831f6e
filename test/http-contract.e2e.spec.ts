import { TestApp } from './support/test-app';
import { assessment, caseBody, revocation } from './support/cases';

describe('HTTP contract of the admin API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await new TestApp().start();
  });

  afterAll(async () => {
    await app.dispose();
  });

  const head = async () => (await app.request('GET', '/health')).body.eventStore.headPosition as number;

  describe('authentication and roles', () => {
    it('answers 401 without a token, with a bad signature, or with an unknown role', async () => {
      const none = await app.request('POST', '/api/licences', { body: caseBody() });
      expect(none).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
      expect(none.contentType).toContain('application/problem+json');
      const forged = await app.request('POST', '/api/licences', {
        token: app.token('intake', 'mallory', 'other-secret'),
        body: caseBody(),
      });
      expect(forged.status).toBe(401);
      const stranger = await app.request('POST', '/api/licences', {
        token: app.token('janitor'),
        body: caseBody(),
      });
      expect(stranger.status).toBe(401);
    });

    it('answers 403 to a role the route does not allow', async () => {
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const issuedByIntake = await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'intake',
        body: { assessment },
      });
      expect(issuedByIntake).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      const reporting = await app.request('GET', `/api/licences/${created.body.id}`, { role: 'reporting' });
      expect(reporting.status).toBe(403);
      await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
      });
      const revokeByAssessor = await app.request('POST', `/api/licences/${created.body.id}/revoke`, {
        role: 'assessor',
        body: {},
      });
      expect(revokeByAssessor.status).toBe(403);
      const proposalByIntake = await app.request(
        'POST',
        `/api/licences/${created.body.id}/revocation-proposal`,
        {
          role: 'intake',
          body: revocation,
        },
      );
      expect(proposalByIntake.status).toBe(403);
    });

    it('records who decided, in which role', async () => {
      const created = await app.request('POST', '/api/licences', {
        token: app.token('intake', 'carol'),
        body: caseBody(),
      });
      expect(created.status).toBe(201);
      const state = await app.request('GET', `/api/licences/${created.body.id}`, { role: 'oversight' });
      expect(state.status).toBe(200);
    });
  });

  describe('bad input', () => {
    it('names every bad field and refuses unknown ones with 400', async () => {
      const before = await head();
      const body = caseBody({
        kind: 'export',
        goods: [{ controlListEntry: 'ML23', description: '', quantity: 0, valueEur: -1 }],
        destination: { country: 'nl', endUser: 'x' },
        surprise: true,
      });
      const answer = await app.request('POST', '/api/licences', { role: 'intake', body });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      const fields = (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(
        [
          'destination.country',
          'goods.0.controlListEntry',
          'goods.0.description',
          'goods.0.quantity',
          'goods.0.valueEur',
          'kind',
          'surprise',
        ].sort(),
      );
      expect(await head()).toBe(before);
    });

    it('refuses a revocation proposal without evidence or criteria', async () => {
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
      });
      const before = await head();
      const bare = await app.request('POST', `/api/licences/${created.body.id}/revocation-proposal`, {
        role: 'senior-assessor',
        body: { circumstances: 'changed', criteria: [], evidence: [] },
      });
      expect(bare.status).toBe(400);
      expect((bare.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'criteria',
        'evidence',
      ]);
      const noCircumstances = await app.request(
        'POST',
        `/api/licences/${created.body.id}/revocation-proposal`,
        {
          role: 'assessor',
          body: { ...revocation, circumstances: '' },
        },
      );
      expect(noCircumstances.status).toBe(400);
      expect(await head()).toBe(before);
    });

    it('says only that a missing or non-array list is required, never that it is too long', async () => {
      const { goods: _goods, ...withoutGoods } = caseBody();
      const missing = await app.request('POST', '/api/licences', { role: 'intake', body: withoutGoods });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        { field: 'goods', messages: ['goods is required: an array of 1 to 1000 items'] },
      ]);
      const notAList = await app.request('POST', '/api/licences', {
        role: 'intake',
        body: caseBody({ goods: 'radar' }),
      });
      expect(notAList.body.errors).toEqual([
        { field: 'goods', messages: ['goods must be an array of 1 to 1000 items'] },
      ]);
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const noFindings = await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment: { summary: 'No clear risk' } },
      });
      expect(noFindings.body.errors).toEqual([
        { field: 'assessment.findings', messages: ['findings is required: an array of 1 to 100 items'] },
      ]);
      const denied = await app.request('POST', `/api/licences/${created.body.id}/deny`, {
        role: 'assessor',
        body: { reasoning: 'Embargo' },
      });
      expect(denied.body.errors).toEqual([
        { field: 'criteria', messages: ['criteria is required: an array of 1 to 8 items'] },
      ]);
      const badCriteria = await app.request('POST', `/api/licences/${created.body.id}/deny`, {
        role: 'assessor',
        body: { criteria: [0, 2], reasoning: 'Embargo' },
      });
      expect(badCriteria.body.errors).toEqual([
        { field: 'criteria', messages: ['each item of criteria must be a whole number from 1 to 8'] },
      ]);
      await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
      });
      const { evidence: _evidence, ...withoutEvidence } = revocation;
      const noEvidence = await app.request('POST', `/api/licences/${created.body.id}/revocation-proposal`, {
        role: 'assessor',
        body: withoutEvidence,
      });
      expect(noEvidence.body.errors).toEqual([
        { field: 'evidence', messages: ['evidence is required: an array of 1 to 100 items'] },
      ]);
    });

    it('answers every problem with type, title, status, detail, instance and code, titled for people', async () => {
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const problems = {
        Unauthorized: await app.request('GET', '/api/licences'),
        Forbidden: await app.request('GET', '/api/projections', { role: 'intake' }),
        'Not Found': await app.request('GET', '/api/nowhere', { role: 'intake' }),
        'Malformed JSON': await app.request('POST', '/api/licences?via=raw', {
          role: 'intake',
          rawBody: '{"procedure": ',
        }),
        'Unsupported media type': await app.request('POST', '/api/licences', {
          role: 'intake',
          rawBody: 'hello',
          headers: { 'content-type': 'text/plain' },
        }),
        'Invalid request': await app.request('POST', '/api/licences', { role: 'intake', body: {} }),
        'Forbidden transition': await app.request('POST', `/api/licences/${created.body.id}/sondage-answer`, {
          role: 'assessor',
          body: { outcome: 'positive', reasoning: 'fine' },
        }),
        'Revision mismatch': await app.request('POST', `/api/licences/${created.body.id}/issue`, {
          role: 'assessor',
          body: { assessment },
          headers: { 'if-match': '"7"' },
        }),
      };
      for (const [title, answer] of Object.entries(problems)) {
        expect(answer.contentType).toContain('application/problem+json');
        expect(answer.body).toEqual(
          expect.objectContaining({
            type: expect.stringMatching(/^urn:licences:problem:[a-z-]+$/),
            title,
            status: answer.status,
            detail: expect.stringMatching(/\S/),
            instance: expect.stringMatching(/^\/api\//),
            code: expect.stringMatching(/^[A-Z_]+$/),
          }),
        );
      }
      expect(problems['Malformed JSON'].body.instance).toBe('/api/licences?via=raw');
      expect(problems['Not Found'].body.instance).toBe('/api/nowhere');
    });

    it('answers malformed JSON with 400, a non-JSON body with 415 and a body over 1 MiB with 413', async () => {
      const malformed = await app.request('POST', '/api/licences', {
        role: 'intake',
        rawBody: '{"procedure": ',
      });
      expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
      const text = await app.request('POST', '/api/licences', {
        role: 'intake',
        rawBody: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      const huge = caseBody({
        goods: [{ controlListEntry: 'ML5', description: 'x'.repeat(1024 * 1024), quantity: 1, valueEur: 1 }],
      });
      const tooLarge = await app.request('POST', '/api/licences', { role: 'intake', body: huge });
      expect(tooLarge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    });

    it('never answers a hostile body with a 5xx', async () => {
      const bodies = [
        'null',
        '[]',
        '"text"',
        '42',
        '{"procedure":"application","applicant":"not an object"}',
        '{"procedure":"application","goods":{"0":{}}}',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        JSON.stringify(caseBody({ goods: [null] })),
        JSON.stringify(
          caseBody({ goods: [{ controlListEntry: 5, description: [], quantity: '1', valueEur: 'NaN' }] }),
        ),
        JSON.stringify(caseBody({ destination: null })),
        JSON.stringify(caseBody({ afterSales: 'yes' })),
      ];
      for (const rawBody of bodies) {
        const answer = await app.request('POST', '/api/licences', { role: 'intake', rawBody });
        expect({ rawBody, status: answer.status }).toEqual({ rawBody, status: 400 });
      }
      const notUuid = await app.request('POST', '/api/licences/not-a-uuid/issue', {
        role: 'assessor',
        body: { assessment },
      });
      expect(notUuid.status).toBe(400);
      const badDate = await app.request(
        'GET',
        '/api/policy/validity?destination=NL&goodsCategory=military&kind=individual&on=2023-02-29',
      );
      expect(badDate.status).toBe(400);
    });
  });

  describe('If-Match and Idempotency-Key', () => {
    it('answers 412 when the case moved on since the revision the client decided on', async () => {
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const stale = await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
        headers: { 'if-match': '"7"' },
      });
      expect(stale).toMatchObject({ status: 412, body: { code: 'REVISION_MISMATCH' } });
      const fresh = await app.request('POST', `/api/licences/${created.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
        headers: { 'if-match': '"0"' },
      });
      expect(fresh).toMatchObject({ status: 200, body: { revision: 1, status: 'issued' } });
      expect(fresh.headers.get('etag')).toBe('"1"');
    });

    it('returns the first answer for a repeated key and appends nothing; another body under the key is 422', async () => {
      const headers = { 'idempotency-key': 'register-42' };
      const first = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody(), headers });
      const before = await head();
      const repeat = await app.request('POST', '/api/licences', {
        role: 'intake',
        body: caseBody(),
        headers,
      });
      expect(repeat.status).toBe(first.status);
      expect(repeat.body).toEqual(first.body);
      expect(await head()).toBe(before);

      const other = await app.request('POST', '/api/licences', {
        role: 'intake',
        body: caseBody({ destination: { country: 'FR', endUser: 'DGA' } }),
        headers,
      });
      expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });

      const issueHeaders = { 'idempotency-key': 'issue-42' };
      const issued = await app.request('POST', `/api/licences/${first.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
        headers: issueHeaders,
      });
      const reissued = await app.request('POST', `/api/licences/${first.body.id}/issue`, {
        role: 'assessor',
        body: { assessment },
        headers: issueHeaders,
      });
      expect(reissued).toMatchObject({ status: 200, body: issued.body });
      expect(
        (await app.request('GET', `/api/licences/${first.body.id}`, { role: 'assessor' })).body.revision,
      ).toBe(1);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of many concurrent decisions on a case win', async () => {
      const created = await app.request('POST', '/api/licences', { role: 'intake', body: caseBody() });
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2 === 0
            ? app.request('POST', `/api/licences/${created.body.id}/issue`, {
                role: 'assessor',
                body: { assessment },
              })
            : app.request('POST', `/api/licences/${created.body.id}/deny`, {
                role: 'assessor',
                body: { criteria: [2], reasoning: 'risk' },
              }),
        ),
      );
      const statuses = attempts.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      expect(
        (await app.request('GET', `/api/licences/${created.body.id}`, { role: 'assessor' })).body.revision,
      ).toBe(1);
    });

    it('lets only one of several clients pinned to the same revision win; the others get 412', async () => {
      const created = await app.request('POST', '/api/licences', {
        role: 'intake',
        body: caseBody({ procedure: 'sondage' }),
      });
      const attempts = await Promise.all(
        Array.from({ length: 6 }, () =>
          app.request('POST', `/api/licences/${created.body.id}/sondage-answer`, {
            role: 'assessor',
            body: { outcome: 'positive', reasoning: 'fine' },
            headers: { 'if-match': '"0"' },
          }),
        ),
      );
      const statuses = attempts.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412 || s === 409)).toHaveLength(5);
    });
  });

  describe('public endpoints', () => {
    it('answers the validity policy for a case on a date', async () => {
      const q = (s: string) => app.request('GET', `/api/policy/validity?${s}`);
      expect(
        (await q('destination=MK&goodsCategory=military&kind=individual&on=2020-03-26')).body,
      ).toMatchObject({ months: 12, ruleId: 'default' });
      expect(
        (await q('destination=MK&goodsCategory=military&kind=individual&on=2020-03-27')).body,
      ).toMatchObject({ months: 36, ruleId: 'allies' });
      expect((await q('destination=TR&goodsCategory=military&kind=global&on=2024-01-01')).body).toMatchObject(
        { months: 12, ruleId: 'default' },
      );
      const afterSales = await q(
        'destination=SA&goodsCategory=military&kind=individual&afterSales=true&on=2023-04-18',
      );
      expect(afterSales.body).toMatchObject({
        months: 36,
        ruleId: 'after-sales',
        source: { reference: expect.stringContaining('22054-388') },
      });
      expect((await q('destination=XX&goodsCategory=military&kind=individual')).status).toBe(422);
      expect((await q('destination=NL&goodsCategory=weapons&kind=individual')).status).toBe(400);
    });

    it('serves health and the OpenAPI document', async () => {
      expect((await app.request('GET', '/health')).body.status).toBe('ok');
      const doc = await app.request('GET', '/api/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/licences',
          '/api/licences/{id}/issue',
          '/api/licences/{id}/revocation-proposal',
          '/api/licences/{id}/revocation-proposal/withdraw',
          '/api/licences/{id}/revocation-proposal/reject',
          '/api/licences/{id}/revoke',
          '/api/licences/{id}/reassess',
          '/api/licences/{id}/suspend',
          '/api/licences/{id}/reinstate',
          '/api/licences/{id}/hold',
          '/api/licences/{id}/release',
          '/api/policy/validity',
        ]),
      );
      const ui = await app.request('GET', '/api/docs');
      expect(ui.status).toBe(200);
    });
  });
});
