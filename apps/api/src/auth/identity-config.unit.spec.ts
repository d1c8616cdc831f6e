import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET } from '../config/app-config';
import type { RunMode } from '../config/app-config';
import { durationSeconds, durationText, loadIdentityConfig } from './identity-config';

const SECRET = 'x'.repeat(32);
const PROVIDER = {
  LICENCES_JWKS_URL: 'https://id.example.org/realms/licences/protocol/openid-connect/certs',
  LICENCES_JWT_ISSUER: 'https://id.example.org/realms/licences',
  LICENCES_JWT_AUDIENCE: 'licences-api',
};

const refusal = (env: NodeJS.ProcessEnv, mode: RunMode = 'production'): string => {
  try {
    loadIdentityConfig(env, mode);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the identity configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licences-identity-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('without an identity', () => {
    it('is refused outside development mode, whatever NODE_ENV says', () => {
      for (const NODE_ENV of [undefined, 'staging', 'prod', 'Production', 'development']) {
        expect(refusal({ ...(NODE_ENV && { NODE_ENV }) })).toMatch(
          /^no identity is configured: set LICENCES_JWKS_URL/,
        );
      }
    });

    it('falls back to the development secret in development mode only', () => {
      const identity = loadIdentityConfig({}, 'development');
      expect(identity.hs256).toEqual({ secret: DEVELOPMENT_JWT_SECRET, development: true });
      expect(identity.jwks).toBeUndefined();
    });
  });

  describe('LICENCES_JWT_SECRET', () => {
    it('is taken when at least 32 bytes, in either mode', () => {
      expect(loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'production').hs256).toEqual({
        secret: SECRET,
        development: false,
      });
      expect(loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'development').hs256?.development).toBe(
        false,
      );
    });

    it('is refused when shorter than 32 bytes (counted in UTF-8), without showing it', () => {
      expect(refusal({ LICENCES_JWT_SECRET: 'a' })).toBe(
        'LICENCES_JWT_SECRET is 1 bytes; it must be at least 32 random bytes, e.g. `openssl rand -base64 48`',
      );
      expect(refusal({ LICENCES_JWT_SECRET: 'REPLACE-ME' })).toMatch(/^LICENCES_JWT_SECRET is 10 bytes/);
      expect(refusal({ LICENCES_JWT_SECRET: 'x'.repeat(31) })).toMatch(/is 31 bytes/);
      // 16 characters, 32 bytes: enough.
      expect(loadIdentityConfig({ LICENCES_JWT_SECRET: 'é'.repeat(16) }, 'production').hs256).toBeDefined();
      expect(refusal({ LICENCES_JWT_SECRET: 'REPLACE-ME' })).not.toContain('REPLACE-ME');
    });

    it('is refused when it is the development secret, in either mode', () => {
      for (const mode of ['production', 'development'] as const) {
        expect(refusal({ LICENCES_JWT_SECRET: DEVELOPMENT_JWT_SECRET }, mode)).toMatch(
          /^LICENCES_JWT_SECRET is the development secret that stands in the source/,
        );
      }
    });
  });

  describe('a key set', () => {
    it('from an https URL, with issuer and audience', () => {
      const identity = loadIdentityConfig(PROVIDER, 'production');
      expect(identity.jwks).toEqual({
        source: { kind: 'url', url: new URL(PROVIDER.LICENCES_JWKS_URL) },
        issuer: PROVIDER.LICENCES_JWT_ISSUER,
        audience: PROVIDER.LICENCES_JWT_AUDIENCE,
      });
      expect(identity.hs256).toBeUndefined();
    });

    it('from http only on a loopback host', () => {
      const local = { ...PROVIDER, LICENCES_JWKS_URL: 'http://127.0.0.1:8080/certs' };
      expect(loadIdentityConfig(local, 'production').jwks?.source).toEqual({
        kind: 'url',
        url: new URL('http://127.0.0.1:8080/certs'),
      });
      expect(refusal({ ...PROVIDER, LICENCES_JWKS_URL: 'http://id.example.org/certs' })).toBe(
        'LICENCES_JWKS_URL must be https (http only on a loopback host), not http://id.example.org',
      );
      expect(refusal({ ...PROVIDER, LICENCES_JWKS_URL: 'ftp://id.example.org/certs' })).toContain('not ftp:');
      expect(refusal({ ...PROVIDER, LICENCES_JWKS_URL: 'certs.json' })).toBe(
        'LICENCES_JWKS_URL=certs.json is not a URL',
      );
    });

    it('from a file holding a key set, read at start', () => {
      const file = join(dir, 'jwks.json');
      writeFileSync(file, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] }));
      const env = { ...PROVIDER, LICENCES_JWKS_URL: '', LICENCES_JWKS_FILE: file };
      expect(loadIdentityConfig(env, 'production').jwks?.source).toEqual({ kind: 'file', path: file });

      expect(refusal({ ...env, LICENCES_JWKS_FILE: join(dir, 'missing.json') })).toBe(
        `LICENCES_JWKS_FILE ${join(dir, 'missing.json')} cannot be read as a JSON key set (ENOENT)`,
      );
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{ "keys": [');
      expect(refusal({ ...env, LICENCES_JWKS_FILE: broken })).toBe(
        `LICENCES_JWKS_FILE ${broken} cannot be read as a JSON key set (not JSON)`,
      );
      const empty = join(dir, 'empty.json');
      writeFileSync(empty, '{ "keys": [] }');
      expect(refusal({ ...env, LICENCES_JWKS_FILE: empty })).toBe(
        `LICENCES_JWKS_FILE ${empty} holds no key set: expected { "keys": [ ... ] }`,
      );
    });

    it('needs issuer and audience, and one source only', () => {
      expect(refusal({ ...PROVIDER, LICENCES_JWT_ISSUER: '' })).toBe(
        'LICENCES_JWKS_URL needs LICENCES_JWT_ISSUER: the issuer its tokens must name',
      );
      expect(refusal({ ...PROVIDER, LICENCES_JWT_AUDIENCE: ' ' })).toBe(
        'LICENCES_JWKS_URL needs LICENCES_JWT_AUDIENCE: the audience its tokens must name',
      );
      expect(refusal({ ...PROVIDER, LICENCES_JWKS_FILE: '/etc/jwks.json' })).toBe(
        'Set LICENCES_JWKS_URL or LICENCES_JWKS_FILE, not both',
      );
    });

    it('refuses issuer or audience without a key set, rather than ignore them', () => {
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_ISSUER: 'https://id.example.org' })).toBe(
        "LICENCES_JWT_ISSUER applies to the identity provider's tokens; set LICENCES_JWKS_URL or LICENCES_JWKS_FILE too",
      );
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_AUDIENCE: 'licences-api' })).toMatch(
        /^LICENCES_JWT_AUDIENCE applies/,
      );
    });

    it('may stand beside a shared secret, and replaces the development secret in development mode', () => {
      const both = loadIdentityConfig({ ...PROVIDER, LICENCES_JWT_SECRET: SECRET }, 'production');
      expect(both.hs256?.secret).toBe(SECRET);
      expect(both.jwks?.issuer).toBe(PROVIDER.LICENCES_JWT_ISSUER);
      expect(loadIdentityConfig(PROVIDER, 'development').hs256).toBeUndefined();
    });
  });

  describe('claims', () => {
    it('reads roles from `roles` and the subject from `sub` by default, or from dotted paths', () => {
      const plain = loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'production');
      expect([plain.rolesClaim, plain.subjectClaim]).toEqual([['roles'], ['sub']]);
      const keycloak = loadIdentityConfig(
        {
          ...PROVIDER,
          LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
          LICENCES_JWT_SUBJECT_CLAIM: 'preferred_username',
        },
        'production',
      );
      expect([keycloak.rolesClaim, keycloak.subjectClaim]).toEqual([
        ['realm_access', 'roles'],
        ['preferred_username'],
      ]);
    });

    it('refuses a path that is not dotted names', () => {
      for (const raw of ['realm_access..roles', '.roles', 'roles.', 'realm access']) {
        expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_ROLES_CLAIM: raw })).toBe(
          `LICENCES_JWT_ROLES_CLAIM=${raw} is not a dotted claim path, e.g. realm_access.roles`,
        );
      }
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_SUBJECT_CLAIM: 'a..b' })).toMatch(
        /^LICENCES_JWT_SUBJECT_CLAIM=a\.\.b/,
      );
    });
  });

  describe('lifetime and clock skew', () => {
    it('default to 12 hours and 60 seconds', () => {
      const identity = loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'production');
      expect([identity.maxLifetimeSeconds, identity.clockSkewSeconds]).toEqual([43_200, 60]);
    });

    it('take durations, the skew at most 5 minutes and the lifetime at most a day', () => {
      const identity = loadIdentityConfig(
        { LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_MAX_LIFETIME: '8h', LICENCES_JWT_CLOCK_SKEW: '5m' },
        'production',
      );
      expect([identity.maxLifetimeSeconds, identity.clockSkewSeconds]).toEqual([28_800, 300]);
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_CLOCK_SKEW: '301s' })).toBe(
        'LICENCES_JWT_CLOCK_SKEW=301s is longer than the 5m allowed',
      );
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_MAX_LIFETIME: '100y' })).toBe(
        'LICENCES_JWT_MAX_LIFETIME=100y is not a duration; write e.g. 90s, 15m or 12h',
      );
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_MAX_LIFETIME: '2d' })).toBe(
        'LICENCES_JWT_MAX_LIFETIME=2d is longer than the 1d allowed',
      );
      expect(refusal({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_MAX_LIFETIME: '0' })).toBe(
        'LICENCES_JWT_MAX_LIFETIME must be longer than 0s',
      );
    });

    it('reads and writes durations', () => {
      expect(['90', '90s', '15m', '12h', '1d', ' 2h '].map(durationSeconds)).toEqual([
        90, 90, 900, 43_200, 86_400, 7_200,
      ]);
      expect(['', 'h', '1.5h', '-1h', '1w'].map(durationSeconds)).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect([43_200, 300, 90, 86_400, 3_601].map(durationText)).toEqual(['12h', '5m', '90s', '1d', '3601s']);
    });
  });
});
