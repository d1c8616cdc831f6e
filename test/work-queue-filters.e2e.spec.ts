import { caseBody, revocation } from './support/cases';
import { TestApp } from './support/test-app';
import { waitUntil } from './support/waiting';

/*
 * The filters the console's work queues read GET /api/licences with: who registered a case, an
 * open reassessment request or revocation proposal, a window of end dates, and the expiry order;
 * now and as known at an earlier instant (asOf), with the same meaning.
 */

const EXECUTION_MS = 30_000;

describe('work-queue filters of GET /api/licences', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await new TestApp().start();
  });

  afterAll(async () => {
    await app.dispose();
  });

  const to = (country: string) => ({ destination: { country, endUser: `Armed forces of ${country}` } });
  const intake = (sub: string) => ({ token: app.token('intake', sub) });
  const senior = (sub: string) => ({ token: app.token('senior-assessor', sub) });

  async function register(sub: string, country: string): Promise<string> {
    const answer = await app.request('POST', '/api/licences', {
      ...intake(sub),
      body: caseBody(to(country)),
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  }

  /** The wall-clock instant, with a millisecond on either side so no event shares it. */
  async function recordedNow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    return instant;
  }

  const expectRegisteredInTheSetUp = (registeredAt: string) => {
    expect(Date.parse(registeredAt)).toBeGreaterThanOrEqual(registeredFrom);
    expect(Date.parse(registeredAt)).toBeLessThanOrEqual(registeredUntil);
  };

  async function issueOn(id: string, instant: string): Promise<void> {
    app.clock.set(instant);
    expect((await app.issueLicence(id)).status).toBe(200);
  }

  /** The ids of one page, and the total, as an assessor lists them. */
  async function listed(query: string): Promise<{ ids: string[]; total: number }> {
    const answer = await app.request('GET', `/api/licences?${query}`, { role: 'assessor' });
    expect(answer.status).toBe(200);
    return {
      ids: (answer.body.items as { id: string }[]).map((v) => v.id),
      total: answer.body.total as number,
    };
  }

  // a, b by intake-anna; c, d by intake-bram; e (to TR, for the measure) by intake-anna.
  let a: string, b: string, c: string, d: string, e: string;
  /** Recorded time (the wall clock, not the app's business clock) around the registrations. */
  let registeredFrom: number, registeredUntil: number;
  /** Recorded time after the licences were issued, before the revocation proposal and the measure. */
  let beforeProposal: string;

  beforeAll(async () => {
    app.clock.set('2024-11-28T10:00:00Z');
    registeredFrom = Date.now();
    a = await register('intake-anna', 'DE');
    b = await register('intake-anna', 'SA');
    c = await register('intake-bram', 'DE');
    d = await register('intake-bram', 'SA');
    e = await register('intake-anna', 'TR');
    registeredUntil = Date.now();
    // DE is allied (36 months), SA and TR are not (12 months).
    await issueOn(a, '2024-12-02T10:00:00Z'); // until 2027-12-01
    await issueOn(b, '2024-12-02T11:00:00Z'); // until 2025-12-01
    await issueOn(c, '2024-12-10T10:00:00Z'); // until 2027-12-09
    await issueOn(e, '2024-12-11T10:00:00Z'); // until 2025-12-10
    beforeProposal = await recordedNow();

    // After the date of the proposal's evidence (2025-03-01).
    app.clock.set('2025-03-10T10:00:00Z');
    const proposed = await app.request('POST', `/api/licences/${b}/revocation-proposal`, {
      token: app.token('assessor', 'assessor-carla'),
      body: revocation,
    });
    expect(proposed.status).toBe(200);

    const measure = await app.request('POST', '/api/measures', {
      ...senior('senior-a'),
      body: { destination: 'TR', legalGround: 'Kamerstuk 22054-316', reasons: 'Military operation' },
    });
    expect(measure.status).toBe(201);
    const approved = await app.request('POST', `/api/measures/${measure.body.id as string}/approve`, {
      ...senior('senior-b'),
      body: {},
    });
    expect(approved.status).toBe(200);
    await waitUntil(
      async () => (await listed('reassessmentRequested=true')).total === 1,
      'the measure asks for the reassessment of the licence to TR',
      EXECUTION_MS,
      50,
    );
  }, EXECUTION_MS + 10_000);

  it('lists the cases one official registered, and names who registered each case and when', async () => {
    expect(await listed('registeredBy=intake-anna')).toEqual({ ids: [a, b, e], total: 3 });
    expect(await listed('registeredBy=intake-bram')).toEqual({ ids: [c, d], total: 2 });
    expect(await listed('registeredBy=assessor-carla')).toEqual({ ids: [], total: 0 });

    const page = await app.request('GET', '/api/licences?registeredBy=intake-bram&pageSize=1', {
      role: 'assessor',
    });
    expect(page.body.items[0]).toMatchObject({ id: c, registeredBy: { sub: 'intake-bram', role: 'intake' } });
    expectRegisteredInTheSetUp(page.body.items[0].registeredAt as string);
    // Issued, proposed for revocation and put up for reassessment by others since: still intake's.
    const one = await app.request('GET', `/api/licences/${b}`, { role: 'assessor' });
    expect(one.body).toMatchObject({ registeredBy: { sub: 'intake-anna', role: 'intake' } });
    expectRegisteredInTheSetUp(one.body.registeredAt as string);
  });

  it('lists the licences with and without an open revocation proposal or reassessment request', async () => {
    expect(await listed('revocationProposed=true')).toEqual({ ids: [b], total: 1 });
    expect(await listed('revocationProposed=false')).toEqual({ ids: [a, c, d, e], total: 4 });
    expect(await listed('reassessmentRequested=true')).toEqual({ ids: [e], total: 1 });
    expect(await listed('reassessmentRequested=false')).toEqual({ ids: [a, b, c, d], total: 4 });
    expect(await listed('reassessmentRequested=true&registeredBy=intake-bram')).toEqual({
      ids: [],
      total: 0,
    });
  });

  it('lists the licences ending in a window of dates, both ends included', async () => {
    expect(await listed('expiresFrom=2025-12-01&expiresTo=2025-12-10')).toEqual({ ids: [b, e], total: 2 });
    expect(await listed('expiresFrom=2025-12-02&expiresTo=2025-12-31')).toEqual({ ids: [e], total: 1 });
    expect(await listed('expiresFrom=2027-12-01&expiresTo=2027-12-01')).toEqual({ ids: [a], total: 1 });
    expect(await listed('expiresFrom=2027-01-01')).toEqual({ ids: [a, c], total: 2 });
  });

  it('orders by the soonest end of validity, cases without one last, paged with an exact total', async () => {
    expect(await listed('sort=expiry')).toEqual({ ids: [b, e, a, c, d], total: 5 });
    expect(await listed('sort=expiry&pageSize=2&page=2')).toEqual({ ids: [a, c], total: 5 });
    expect(await listed('sort=expiry&pageSize=2&page=3')).toEqual({ ids: [d], total: 5 });
    expect(await listed('sort=registered')).toEqual({ ids: [a, b, c, d, e], total: 5 });
    expect(await listed('')).toEqual({ ids: [a, b, c, d, e], total: 5 });
  });

  it('answers the same filters as known at an earlier instant, judged on the cases as they stood', async () => {
    const asOf = `asOf=${encodeURIComponent(beforeProposal)}`;
    expect(await listed(`${asOf}&revocationProposed=true`)).toEqual({ ids: [], total: 0 });
    expect(await listed(`${asOf}&reassessmentRequested=true`)).toEqual({ ids: [], total: 0 });
    expect(await listed(`${asOf}&registeredBy=intake-bram`)).toEqual({ ids: [c, d], total: 2 });
    expect(await listed(`${asOf}&expiresFrom=2025-12-01&expiresTo=2025-12-10`)).toEqual({
      ids: [b, e],
      total: 2,
    });
    expect(await listed(`${asOf}&sort=expiry&pageSize=3&page=1`)).toEqual({ ids: [b, e, a], total: 5 });

    // As known now, the past path answers what the present does.
    const now = `asOf=${encodeURIComponent(await recordedNow())}`;
    for (const query of [
      'revocationProposed=true',
      'reassessmentRequested=true',
      'registeredBy=intake-anna',
      'expiresFrom=2025-12-01&expiresTo=2025-12-10',
      'sort=expiry',
    ]) {
      expect({ query, ...(await listed(`${now}&${query}`)) }).toEqual({ query, ...(await listed(query)) });
    }
    const old = await app.request('GET', `/api/licences?${asOf}&registeredBy=intake-anna&pageSize=1`, {
      role: 'assessor',
    });
    const present = await app.request('GET', `/api/licences/${a}`, { role: 'assessor' });
    expect(old.body.items[0]).toMatchObject({
      id: a,
      registeredBy: { sub: 'intake-anna', role: 'intake' },
      registeredAt: present.body.registeredAt,
    });
  });

  it.each([
    ['expiresFrom=2025-02-30', 'expiresFrom'],
    ['expiresFrom=2025-06-01&expiresTo=2025-05-31', 'expiresTo'],
    ['expiresTo=tomorrow', 'expiresTo'],
    ['sort=soonest', 'sort'],
    ['revocationProposed=yes', 'revocationProposed'],
    ['reassessmentRequested=1', 'reassessmentRequested'],
    ['registeredBy=%20', 'registeredBy'],
    [`registeredBy=${'x'.repeat(301)}`, 'registeredBy'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const answer = await app.request('GET', `/api/licences?${query}`, { role: 'assessor' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((answer.body.errors as { field: string }[]).map((err) => err.field)).toEqual([field]);
  });
});
