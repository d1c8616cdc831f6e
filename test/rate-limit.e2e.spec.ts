import type { RateLimits } from '../apps/api/src/config/app-config';
import { TestApp } from './support/test-app';
import type { HttpAnswer } from './support/test-app';

/** A 429 as the API answers it: problem+json, RATE_LIMITED, and when to come back. */
function expectRateLimited(answer: HttpAnswer): void {
  expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  expect(answer.contentType).toContain('application/problem+json');
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.body.detail).toContain(`${retryAfter} s`);
}

/** A test app for the enclosing describe block, with the given limits. */
function appWithLimits(limits: RateLimits): TestApp {
  const app = new TestApp();
  app.rateLimits = limits;
  beforeAll(() => app.start());
  afterAll(() => app.dispose());
  return app;
}

describe('rate limits', () => {
  describe('per address, for requests without a valid token', () => {
    const app = appWithLimits({ perPrincipal: 1_000, perAddress: 4 });

    it('answers 429 once an address has used its budget, before any token it sends is verified', async () => {
      // Public routes, no token and forged tokens count alike.
      expect((await app.request('GET', '/health/live')).status).toBe(200);
      expect((await app.request('GET', '/api/projections')).status).toBe(401);
      const forged = app.token('admin', 'mallory', 'a-forged-secret-of-thirty-two-bytes!');
      expect((await app.request('GET', '/api/projections', { token: forged })).status).toBe(401);
      // Authenticated requests are the principal's, not the address's.
      for (let i = 0; i < 5; i++)
        expect((await app.request('GET', '/api/projections', { role: 'admin' })).status).toBe(200);
      expect((await app.request('GET', '/api/projections', { token: 'not-a-jwt' })).status).toBe(401);

      expectRateLimited(await app.request('GET', '/api/projections', { token: forged }));
      expectRateLimited(await app.request('GET', '/health/live'));
      // Used up, the address is refused before its token is read: a valid one waits too.
      expectRateLimited(await app.request('GET', '/api/projections', { role: 'admin' }));
    });
  });

  describe('per principal', () => {
    const app = appWithLimits({ perPrincipal: 5, perAddress: 1_000 });

    it('answers 429 to a principal past its budget, while another principal and the address go on', async () => {
      const alice = app.token('admin', 'alice');
      for (let i = 0; i < 5; i++)
        expect((await app.request('GET', '/api/projections', { token: alice })).status).toBe(200);
      expectRateLimited(await app.request('GET', '/api/projections', { token: alice }));
      // A new token for the same subject is the same principal.
      expectRateLimited(
        await app.request('GET', '/api/projections', { token: app.token('oversight', 'alice') }),
      );

      expect(
        (await app.request('GET', '/api/projections', { token: app.token('admin', 'bob') })).status,
      ).toBe(200);
      expect((await app.request('GET', '/api/projections')).status).toBe(401);
      expect((await app.request('GET', '/health/live')).status).toBe(200);
    });

    it('refuses with 429 before anything is recorded', async () => {
      const head = async () => (await app.request('GET', '/health')).body.eventStore.headPosition as number;
      const before = await head();
      const dave = app.token('intake', 'dave');
      for (let i = 0; i < 5; i++) await app.request('GET', '/api/licences', { token: dave });
      expectRateLimited(await app.request('POST', '/api/licences', { token: dave, body: {} }));
      expect(await head()).toBe(before);
    });
  });
});
