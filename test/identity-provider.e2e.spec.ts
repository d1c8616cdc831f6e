import { freePort } from './support/app-process';
import { TestApp } from './support/test-app';
import { PROVIDER_AUDIENCE, PROVIDER_ISSUER, serveKeySet, signingKey } from './support/token-issuers';

describe('an identity provider whose key set cannot be fetched', () => {
  const app = new TestApp();
  afterAll(() => app.dispose());

  it('answers 503 IDENTITY_PROVIDER_UNAVAILABLE with Retry-After, not 401, and recovers when it answers again', async () => {
    const key = await signingKey('kc-1');
    // A port nobody listens on until the provider "comes back" on it.
    const port = await freePort();
    app.identityEnv = {
      LICENCES_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      LICENCES_JWT_ISSUER: PROVIDER_ISSUER,
      LICENCES_JWT_AUDIENCE: PROVIDER_AUDIENCE,
    };
    await app.start();
    const token = await key.sign({ sub: 'kc-admin', roles: ['admin'] });

    const down = await app.request('GET', '/api/projections', { token });
    expect({ status: down.status, code: down.body.code }).toEqual({
      status: 503,
      code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    });
    expect(down.contentType).toContain('application/problem+json');
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(down.body)).not.toContain(String(port));

    const provider = await serveKeySet(() => [key.jwk], port);
    try {
      expect((await app.request('GET', '/api/projections', { token })).status).toBe(200);
    } finally {
      await provider.close();
    }
  });
});
