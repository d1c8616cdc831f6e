import { loadIdentityConfig } from '../auth/identity-config';
import { ConfigError } from '../config/app-config';
import { consoleConfigOf, consoleConnectSources } from './console-config';

const PROVIDER = {
  LICENCES_JWKS_URL: 'https://id.example.org/realms/licences/protocol/openid-connect/certs',
  LICENCES_JWT_ISSUER: 'https://id.example.org/realms/licences',
  LICENCES_JWT_AUDIENCE: 'licences-api',
  LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
};

function configOf(env: Record<string, string>, mode: 'production' | 'development' = 'production') {
  return consoleConfigOf(env, loadIdentityConfig(env, mode));
}

describe("the console's sign-in settings", () => {
  it('signs in with the development secret only where the API accepts it', () => {
    expect(configOf({}, 'development')).toEqual({ signIn: { kind: 'development' } });
    // A shared secret of one's own: the console cannot sign, and must not pretend to.
    expect(
      configOf({ LICENCES_JWT_SECRET: 'a-secret-of-at-least-thirty-two-bytes-long' }, 'development'),
    ).toEqual({
      signIn: { kind: 'none' },
    });
    expect(configOf(PROVIDER)).toEqual({ signIn: { kind: 'none' } });
  });

  it("uses the API's provider, claims and a client id for OpenID Connect, and lets the page reach only that origin", () => {
    const config = configOf({ ...PROVIDER, LICENCES_CONSOLE_OIDC_CLIENT_ID: 'licences-console' });
    expect(config).toEqual({
      signIn: {
        kind: 'oidc',
        authority: 'https://id.example.org/realms/licences',
        clientId: 'licences-console',
        scope: 'openid',
        rolesClaim: 'realm_access.roles',
        subjectClaim: 'sub',
      },
    });
    expect(consoleConnectSources(config)).toEqual(["'self'", 'https://id.example.org']);
  });

  it('refuses a client without a provider the API trusts, or a provider over plain http off loopback', () => {
    expect(() =>
      configOf({ LICENCES_CONSOLE_OIDC_CLIENT_ID: 'c', LICENCES_JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(ConfigError);
    expect(() =>
      configOf({
        ...PROVIDER,
        LICENCES_CONSOLE_OIDC_CLIENT_ID: 'c',
        LICENCES_CONSOLE_OIDC_ISSUER: 'http://id.example.org',
      }),
    ).toThrow(/must use https/);
    expect(
      configOf({
        ...PROVIDER,
        LICENCES_CONSOLE_OIDC_CLIENT_ID: 'c',
        LICENCES_CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:8080/',
      }).signIn,
    ).toMatchObject({ kind: 'oidc', authority: 'http://127.0.0.1:8080' });
  });
});
