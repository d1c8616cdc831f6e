import { Agent } from 'node:http';
import { assessment, caseBody } from './support/cases';
import { sendRaw } from './support/hostile-input.client';
import type { RawAnswer } from './support/hostile-input.client';
import { routesOf } from './support/hostile-input.routes';
import { headPosition } from './support/imported-decision';
import { TestApp } from './support/test-app';

/** The concrete probes of issue 11 that ended in 500, were stored, or were read as another value. */
describe('hostile input: the probes of the perimeter review', () => {
  const app = new TestApp();
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  let id: string;

  beforeAll(async () => {
    await app.start();
    id = await app.registerCase();
  });

  afterAll(async () => {
    agent.destroy();
    await app.dispose();
  });

  /** Sends bytes as they are: a raw path and body, with a token of `role`. */
  function raw(method: string, path: string, body: Buffer | undefined, role = 'admin'): Promise<RawAnswer> {
    return sendRaw(agent, app.url, {
      route: path,
      defect: 'probe',
      method,
      path,
      headers: { authorization: `Bearer ${app.token(role)}`, 'content-type': 'application/json' },
      ...(body && { body }),
      expect: {},
    });
  }

  const problemOf = (answer: RawAnswer) => ({
    status: answer.status,
    contentType: answer.contentType.split(';')[0],
    ...(JSON.parse(answer.text) as { code: string; errors?: Array<{ field: string }> }),
  });

  it('refuses JSON nested 10,000 levels deep on every route that reads a JSON body with 400 JSON_TOO_DEEP', async () => {
    const jsonRoutes = (await routesOf(app)).filter((route) => route.body);
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(12);
    const deep = Buffer.from(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    for (const route of jsonRoutes) {
      const path = route.template.replace('{id}', id);
      const answer = problemOf(await raw(route.method, path, deep));
      expect({ route: path, status: answer.status, code: answer.code }).toEqual({
        route: path,
        status: 400,
        code: 'JSON_TOO_DEEP',
      });
    }
  });

  it('refuses more than 10,000 members, and prototype keys, before any validation', async () => {
    const many = problemOf(
      await raw('POST', '/api/licences', Buffer.from(`[${'1,'.repeat(10_000)}1]`), 'intake'),
    );
    expect(many).toMatchObject({ status: 400, code: 'JSON_TOO_MANY_MEMBERS' });
    const text = JSON.stringify(caseBody()).replace(
      '"applicant":{',
      '"applicant":{"__proto__":{"admin":true},',
    );
    const polluted = problemOf(await raw('POST', '/api/licences', Buffer.from(text), 'intake'));
    expect(polluted).toMatchObject({
      status: 400,
      code: 'JSON_FORBIDDEN_KEY',
      errors: [{ field: 'applicant.__proto__' }],
    });
  });

  it('reads asOf=2025-02-30T00:00:00Z and validOn=2025-02-30 as the impossible values they are (400), not as 2 March', async () => {
    for (const path of [
      `/api/licences/${id}?asOf=2025-02-30T00:00:00Z`,
      `/api/licences/${id}/history?asOf=2025-02-30T00:00:00Z`,
      `/api/licences?asOf=2025-02-30T00:00:00Z`,
      `/api/licences/${id}?validOn=2025-02-30`,
      `/api/licences/${id}?asOf=275760-09-13T00:00:00Z`,
    ]) {
      const answer = problemOf(await raw('GET', path, undefined, 'assessor'));
      const field = path.includes('validOn') ? 'validOn' : 'asOf';
      expect({ path, ...answer }).toMatchObject({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field }],
      });
    }
  });

  it('refuses a validFrom in year 9999 at the edge (400 naming it), where it used to end in a RangeError', async () => {
    const before = await headPosition(app.dataDir);
    const answer = await app.request('POST', `/api/licences/${id}/issue`, {
      role: 'assessor',
      body: { assessment, validFrom: '9999-12-31' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'validFrom' }] });
    expect(await headPosition(app.dataDir)).toBe(before);
  });

  it('refuses names with NUL, a right-to-left override, a lone surrogate or only zero-width characters, naming the field and storing nothing', async () => {
    const before = await headPosition(app.dataDir);
    const listed = (await app.request('GET', '/api/licences', { role: 'assessor' })).body.total as number;
    const names = [
      'Thales\u0000Nederland',
      'Evil\u202Egnp.exe',
      'Thales \uD800',
      '\u200B\u200C\u200D\u2060\uFEFF',
    ];
    const bodies = (name: string) => ({
      'applicant.name': caseBody({ applicant: { name, chamberOfCommerceNumber: '06061578' } }),
      'destination.endUser': caseBody({ destination: { country: 'DE', endUser: name } }),
    });
    for (const name of names) {
      for (const [field, body] of Object.entries(bodies(name))) {
        const answer = await app.request('POST', '/api/licences', { role: 'intake', body });
        expect({ name, status: answer.status, body: answer.body }).toMatchObject({
          name,
          status: 400,
          body: { code: 'VALIDATION_FAILED', errors: [{ field }] },
        });
      }
    }
    expect(await headPosition(app.dataDir)).toBe(before);
    expect((await app.request('GET', '/api/licences', { role: 'assessor' })).body.total).toBe(listed);
  });

  it('refuses invalid UTF-8 with 400 INVALID_UTF8 in a body, a query and a path, instead of reading U+FFFD', async () => {
    const [before, after] = JSON.stringify(
      caseBody({ destination: { country: 'DE', endUser: 'Bundes\u0001wehr' } }),
    ).split('\\u0001');
    const body = Buffer.concat([
      Buffer.from(before as string),
      Buffer.from([0xff]),
      Buffer.from(after as string),
    ]);
    expect(problemOf(await raw('POST', '/api/licences', body, 'intake'))).toMatchObject({
      status: 400,
      contentType: 'application/problem+json',
      code: 'INVALID_UTF8',
      errors: [{ field: 'body' }],
    });
    expect(
      problemOf(await raw('GET', `/api/licences?destination=D%FF`, undefined, 'assessor')),
    ).toMatchObject({
      status: 400,
      code: 'INVALID_UTF8',
      errors: [{ field: 'destination' }],
    });
    expect(problemOf(await raw('GET', `/api/licences/%FF${id}`, undefined, 'assessor'))).toMatchObject({
      status: 400,
      code: 'INVALID_UTF8',
      errors: [{ field: 'path' }],
    });
  });

  it('refuses a field apply does not know, and a report year outside 1900-2999', async () => {
    // Apply takes no body or the application's details in full: an unknown field is named either way.
    const apply = await app.request('POST', `/api/licences/${id}/apply`, {
      role: 'intake',
      body: { reason: 'x' },
    });
    expect(apply.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(apply.body.errors).toContainEqual({
      field: 'reason',
      messages: ['property reason should not exist'],
    });
    const report = await app.request('GET', '/api/statistics/issued?year=0000', { role: 'reporting' });
    expect(report.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'year' }],
    });
  });

  it('still takes tab and line breaks in a reason, and keeps them as sent', async () => {
    const reason = 'The applicant withdrew:\n\t- the contract was lost\r\n\t- no new buyer';
    const withdrawn = await app.request('POST', `/api/licences/${id}/withdraw`, {
      role: 'intake',
      body: { reason },
    });
    expect(withdrawn.status).toBe(200);
    const history = await app.request('GET', `/api/licences/${id}/history`, { role: 'assessor' });
    const last = (history.body.decisions as Array<{ type: string; payload: { reason?: string } }>).at(-1);
    expect(last).toMatchObject({ type: 'Withdrawn', payload: { reason } });
  });
});
