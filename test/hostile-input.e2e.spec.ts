import { Agent } from 'node:http';
import fc from 'fast-check';
import type { Role } from '../apps/api/src/auth/roles';
import { revocation } from './support/cases';
import { inPool, sendRaw } from './support/hostile-input.client';
import { baselineRequest, hostileRequests } from './support/hostile-input.requests';
import type { HostileContext, HostileRequest } from './support/hostile-input.requests';
import { routesOf, withRoles } from './support/hostile-input.routes';
import type { RouteSpec } from './support/hostile-input.routes';
import { faultOf } from './support/hostile-input.verdict';
import { headPosition } from './support/imported-decision';
import { TestApp } from './support/test-app';

/** At least this many defective requests per run, spread evenly over every route (HOSTILE_REQUESTS for more). */
const REQUESTS = Math.max(10_000, Number(process.env['HOSTILE_REQUESTS'] ?? 0) || 0);
/** Enough to keep both cores busy without starving the other tests running beside this one. */
const CONCURRENCY = 4;
const SEED = Number(process.env['HOSTILE_SEED'] ?? 20_261_130);

/** Codes of the edge's own refusals: a baseline answered with one of these never reached the route. */
const EDGE_CODES = new Set([
  'VALIDATION_FAILED',
  'INVALID_UTF8',
  'JSON_TOO_DEEP',
  'JSON_TOO_MANY_MEMBERS',
  'JSON_FORBIDDEN_KEY',
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
]);

interface Finding {
  readonly index: number;
  readonly route: string;
  readonly defect: string;
  readonly fault: string;
  readonly answer: string;
}

describe('hostile input over every route (seeded, generated)', () => {
  const app = new TestApp();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const routes: RouteSpec[] = [];
  let context: HostileContext;

  beforeAll(async () => {
    await app.start();
    // Cases in the states the routes act on, so that a defect that slipped through would act.
    const applied = await app.registerCase();
    const sondage = await app.registerCase({ procedure: 'sondage' });
    const issued = await app.registerCase();
    await app.issueLicence(issued);
    const proposed = await app.registerCase();
    await app.issueLicence(proposed);
    await app.request('POST', `/api/licences/${proposed}/revocation-proposal`, {
      role: 'assessor',
      body: revocation,
    });
    const tokens = new Map<Role, string>();
    const tokenOf = (role: Role): string => {
      const token = tokens.get(role) ?? app.token(role);
      tokens.set(role, token);
      return token;
    };
    context = { tokenOf, caseIds: [applied, sondage, issued, proposed] };
    const before = await headPosition(app.dataDir);
    for (const route of await routesOf(app)) routes.push(await withRoles(app, route));
    // Asking who may call each route must itself have changed nothing.
    expect(await headPosition(app.dataDir)).toBe(before);
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await app.dispose();
  });

  it('finds the routes in the OpenAPI document, with their parameters and bodies', () => {
    const names = routes.map((r) => `${r.method} ${r.template}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/licences',
        'GET /api/licences/{id}',
        'POST /api/licences/{id}/issue',
        'POST /api/oversight/what-if',
        'GET /api/statistics/{report}',
        'POST /api/imports/{id}/reject',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(28);
    expect(routes.find((r) => r.template === '/api/licences/{id}/issue')?.roles).toEqual(['assessor']);
  });

  it('sends every route its valid baseline, which passes the edge: only the defects are refused', async () => {
    const checked = routes.filter((r) => r.body || r.params.some((p) => p.in === 'query'));
    for (const [index, route] of checked.entries()) {
      const [request] = fc.sample(baselineRequest(route, context), { seed: SEED + index, numRuns: 1 });
      const answer = await sendRaw(agent, app.url, request as HostileRequest);
      const code = answer.contentType.includes('json')
        ? (JSON.parse(answer.text) as { code?: string }).code
        : '';
      expect({
        route: request?.route,
        status: answer.status < 500,
        edge: EDGE_CODES.has(code ?? ''),
      }).toEqual({
        route: request?.route,
        status: true,
        edge: false,
      });
    }
  }, 120_000);

  it(`answers ${REQUESTS} defective requests with 4xx problems naming their fields, and appends nothing`, async () => {
    // The seed reproduces a run: HOSTILE_SEED=<seed> npx jest test/hostile-input.e2e.spec.ts
    console.info(`hostile-input seed ${SEED} (set HOSTILE_SEED to replay another)`);
    const perRoute = Math.ceil(REQUESTS / routes.length);
    const total = perRoute * routes.length;
    const before = await headPosition(app.dataDir);
    const arbitraries = routes.map((route) => hostileRequests(route, context));
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const perRouteSent = new Map<string, number>();
    await inPool(
      Array.from({ length: total }, (_, i) => i),
      CONCURRENCY,
      async (index) => {
        // One seed per request: any single request can be rebuilt from SEED and its index.
        const arbitrary = arbitraries[index % routes.length] as fc.Arbitrary<HostileRequest>;
        const [request] = fc.sample(arbitrary, { seed: SEED + index, numRuns: 1 }) as [HostileRequest];
        perRouteSent.set(request.route, (perRouteSent.get(request.route) ?? 0) + 1);
        let fault: string | undefined;
        let text = '';
        try {
          const answer = await sendRaw(agent, app.url, request);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          fault = faultOf(request, answer);
          text = answer.text.slice(0, 300);
        } catch (error) {
          fault = `no answer: ${String(error)}`;
        }
        if (fault)
          findings.push({ index, route: request.route, defect: request.defect, fault, answer: text });
      },
    );
    const after = await headPosition(app.dataDir);
    expect({ seed: SEED, findings: findings.slice(0, 15), count: findings.length }).toEqual({
      seed: SEED,
      findings: [],
      count: 0,
    });
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(after).toBe(before);
    expect(perRouteSent.size).toBe(routes.length);
    expect(Math.min(...perRouteSent.values())).toBe(perRoute);
    expect(total).toBeGreaterThanOrEqual(REQUESTS);
  }, 900_000);
});
