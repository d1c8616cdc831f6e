import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { loadIdentityConfig } from './identity-config';
import { TokenRefusedError, TokenVerifier } from './token-verifier';
import type { TokenRefusal } from './token-verifier';

const SECRET = 'a-shared-secret-of-at-least-32-bytes';
const ISSUER = 'https://id.example.org/realms/licences';
const AUDIENCE = 'licences-api';
const NOW = 1_750_000_000;
const now = () => NOW * 1000;
const HOUR = 3600;

const hs256 = (claims: JWTPayload, secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

async function refusalOf(verifier: TokenVerifier, token: string): Promise<TokenRefusal> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.code;
}

describe('the token verifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licences-token-verifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('with a shared secret', () => {
    const verifier = new TokenVerifier(
      loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'production'),
      now,
    );
    const fresh = { sub: 'alice', iat: NOW, exp: NOW + HOUR };

    it('accepts a token from npm run token (`role`) and one with several `roles`, keeping only known roles', async () => {
      expect(await verifier.verify(await hs256({ ...fresh, role: 'intake' }))).toEqual({
        sub: 'alice',
        roles: ['intake'],
        issuer: undefined,
      });
      expect(
        (await verifier.verify(await hs256({ ...fresh, roles: ['oversight', 'janitor', 'admin', 'admin'] })))
          .roles,
      ).toEqual(['oversight', 'admin']);
    });

    it.each<[string, JWTPayload, TokenRefusal]>([
      ['no exp', { sub: 'alice', role: 'admin', iat: NOW }, 'TOKEN_WITHOUT_EXPIRY'],
      [
        'expired beyond the skew',
        { ...fresh, role: 'admin', iat: NOW - 2 * HOUR, exp: NOW - 61 },
        'TOKEN_EXPIRED',
      ],
      [
        'valid for 100 years',
        { ...fresh, role: 'admin', exp: NOW + 100 * 365 * 24 * HOUR },
        'TOKEN_LIFETIME_TOO_LONG',
      ],
      [
        '13 hours from iat to exp',
        { ...fresh, role: 'admin', iat: NOW - 2 * HOUR, exp: NOW + 11 * HOUR },
        'TOKEN_LIFETIME_TOO_LONG',
      ],
      [
        '13 hours left, no iat',
        { sub: 'alice', role: 'admin', exp: NOW + 13 * HOUR },
        'TOKEN_LIFETIME_TOO_LONG',
      ],
      ['nbf beyond the skew', { ...fresh, role: 'admin', nbf: NOW + 120 }, 'TOKEN_NOT_YET_VALID'],
      ['iat beyond the skew', { ...fresh, role: 'admin', iat: NOW + 120 }, 'TOKEN_NOT_YET_VALID'],
      ['no subject', { iat: NOW, exp: NOW + HOUR, role: 'admin' }, 'TOKEN_WITHOUT_SUBJECT'],
      ['an empty subject', { ...fresh, sub: ' ', role: 'admin' }, 'TOKEN_WITHOUT_SUBJECT'],
      ['no known role', { ...fresh, roles: ['janitor'] }, 'TOKEN_WITHOUT_ROLE'],
    ])('refuses a token with %s', async (_what, claims, code) => {
      expect(await refusalOf(verifier, await hs256(claims))).toBe(code);
    });

    it('allows the clock skew on exp and nbf', async () => {
      expect((await verifier.verify(await hs256({ ...fresh, role: 'admin', exp: NOW - 30 }))).sub).toBe(
        'alice',
      );
      expect((await verifier.verify(await hs256({ ...fresh, role: 'admin', nbf: NOW + 30 }))).sub).toBe(
        'alice',
      );
    });

    it('refuses a token it accepted once as soon as it has expired, and never takes a tampered copy for it', async () => {
      let clock = NOW * 1000;
      const ticking = new TokenVerifier(
        loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET }, 'production'),
        () => clock,
      );
      const token = await hs256({ ...fresh, role: 'admin', exp: NOW + 300 });
      expect((await ticking.verify(token)).sub).toBe('alice');
      expect((await ticking.verify(token)).sub).toBe('alice');
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const otherSignature = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expect(await refusalOf(ticking, `${header}.${payload}.${otherSignature}`)).toBe('TOKEN_INVALID');
      // The default skew is allowed past exp; one second after it the same token is refused.
      clock = (NOW + 300 + 61) * 1000;
      expect(await refusalOf(ticking, token)).toBe('TOKEN_EXPIRED');
    });

    it('refuses another secret, alg none, an asymmetric token it has no key set for, and what is no JWT', async () => {
      expect(await refusalOf(verifier, await hs256({ ...fresh, role: 'admin' }, `${SECRET}-other`))).toBe(
        'TOKEN_INVALID',
      );
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const none = `${part({ alg: 'none' })}.${part({ ...fresh, role: 'admin' })}.`;
      expect(await refusalOf(verifier, none)).toBe('TOKEN_INVALID');
      const { privateKey } = await generateKeyPair('ES256');
      const es256 = await new SignJWT({ ...fresh, role: 'admin' })
        .setProtectedHeader({ alg: 'ES256' })
        .sign(privateKey);
      expect(await refusalOf(verifier, es256)).toBe('TOKEN_INVALID');
      const hs512 = await new SignJWT({ ...fresh, role: 'admin' })
        .setProtectedHeader({ alg: 'HS512' })
        .sign(new TextEncoder().encode(SECRET));
      expect(await refusalOf(verifier, hs512)).toBe('TOKEN_INVALID');
      for (const junk of ['abc', 'a.b.c', '', 'Bearer', `${part({ alg: 'HS256' })}`]) {
        expect([junk, await refusalOf(verifier, junk)]).toEqual([junk, 'TOKEN_MALFORMED']);
      }
    });

    it('obeys a shorter maximum lifetime', async () => {
      const short = new TokenVerifier(
        loadIdentityConfig({ LICENCES_JWT_SECRET: SECRET, LICENCES_JWT_MAX_LIFETIME: '30m' }, 'production'),
        now,
      );
      expect(await refusalOf(short, await hs256({ ...fresh, role: 'admin' }))).toBe(
        'TOKEN_LIFETIME_TOO_LONG',
      );
    });
  });

  describe('with a key set file', () => {
    const file = join(dir, 'jwks.json');

    async function keyPair(kid: string, alg: 'RS256' | 'ES256' | 'EdDSA' | 'PS256') {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
      const sign = (claims: JWTPayload, header: Record<string, unknown> = {}) =>
        new SignJWT({ iss: ISSUER, aud: AUDIENCE, iat: NOW, exp: NOW + HOUR, ...claims })
          .setProtectedHeader({ alg, kid, ...header })
          .sign(privateKey);
      return { jwk, sign };
    }

    const verifierFor = (env: Record<string, string> = {}) =>
      new TokenVerifier(
        loadIdentityConfig(
          {
            LICENCES_JWKS_FILE: file,
            LICENCES_JWT_ISSUER: ISSUER,
            LICENCES_JWT_AUDIENCE: AUDIENCE,
            LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
            ...env,
          },
          'production',
        ),
        now,
      );

    it('verifies each of the provider algorithms, checking issuer and audience and reading the roles claim path', async () => {
      const rsa = await keyPair('rsa', 'RS256');
      const pairs = [
        rsa,
        ...(await Promise.all([keyPair('ec', 'ES256'), keyPair('ed', 'EdDSA'), keyPair('ps', 'PS256')])),
      ];
      writeFileSync(file, JSON.stringify({ keys: pairs.map((p) => p.jwk) }));
      const verifier = verifierFor();
      for (const pair of pairs) {
        const token = await pair.sign({
          sub: 'kc-user',
          realm_access: { roles: ['assessor', 'offline_access'] },
        });
        expect(await verifier.verify(token)).toEqual({ sub: 'kc-user', roles: ['assessor'], issuer: ISSUER });
      }
      const roles = { sub: 'kc-user', realm_access: { roles: ['admin'] } };
      expect(await refusalOf(verifier, await rsa.sign({ ...roles, iss: 'https://evil.example.org' }))).toBe(
        'TOKEN_INVALID',
      );
      expect(await refusalOf(verifier, await rsa.sign({ ...roles, aud: 'another-api' }))).toBe(
        'TOKEN_INVALID',
      );
      expect(await refusalOf(verifier, await rsa.sign({ ...roles, exp: undefined }))).toBe(
        'TOKEN_WITHOUT_EXPIRY',
      );
      // The provider's tokens name roles only where configured: a top-level `role` is not read.
      expect(await refusalOf(verifier, await rsa.sign({ sub: 'kc-user', role: 'admin' }))).toBe(
        'TOKEN_WITHOUT_ROLE',
      );
      // An HS256 token while no secret is configured, even one signed with the public key's bytes.
      expect(
        await refusalOf(verifier, await hs256({ sub: 'x', role: 'admin', iat: NOW, exp: NOW + HOUR })),
      ).toBe('TOKEN_INVALID');
    });

    it('picks up a key added to the file without a restart, and refuses a kid it does not hold', async () => {
      const first = await keyPair('first', 'ES256');
      writeFileSync(file, JSON.stringify({ keys: [first.jwk] }));
      const verifier = verifierFor();
      const claims = { sub: 'kc-user', realm_access: { roles: ['intake'] } };
      expect((await verifier.verify(await first.sign(claims))).sub).toBe('kc-user');

      const rotated = await keyPair('rotated', 'ES256');
      expect(await refusalOf(verifier, await rotated.sign(claims))).toBe('TOKEN_INVALID');
      writeFileSync(file, JSON.stringify({ keys: [first.jwk, rotated.jwk] }));
      expect((await verifier.verify(await rotated.sign(claims))).sub).toBe('kc-user');

      // Half-written while rotating: the last good key set stays in use.
      writeFileSync(file, '{ "keys": [');
      expect((await verifier.verify(await rotated.sign(claims))).sub).toBe('kc-user');
    });
  });
});
