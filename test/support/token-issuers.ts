import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { TEST_SECRET } from './test-app';
import { nowSeconds, signHs256, unsignedToken } from './tokens';

const HOUR = 3600;
const CENTURY = 100 * 365 * 24 * HOUR;

/**
 * Who signs the tokens of one identity configuration: the settings that make the API trust it,
 * valid tokens for any roles, and the defective tokens the API must refuse with 401.
 */
export interface TokenIssuer {
  readonly name: string;
  /** For `TestApp.identityEnv`, or a process's environment. */
  readonly env: Record<string, string>;
  readonly token: (sub: string, roles: readonly string[]) => Promise<string>;
  /** Defect name -> a token carrying the given roles, refused for that defect alone. */
  readonly defects: (roles: readonly string[]) => Promise<Record<string, string>>;
  readonly close: () => Promise<void>;
}

/** The shared-secret configuration the test app runs with by default. */
export function sharedSecretIssuer(): TokenIssuer {
  const sign = (claims: Record<string, unknown>, secret = TEST_SECRET) => signHs256(claims, secret);
  return {
    name: 'a shared HS256 secret',
    env: { LICENCES_JWT_SECRET: TEST_SECRET },
    token: (sub, roles) => Promise.resolve(sign({ sub, roles })),
    defects: (roles) => {
      const sub = 'defective';
      return Promise.resolve({
        expired: sign({ sub, roles, iat: nowSeconds() - 2 * HOUR, exp: nowSeconds() - HOUR }),
        'without exp': sign({ sub, roles, exp: undefined }),
        'valid for 100 years': sign({ sub, roles, exp: nowSeconds() + CENTURY }),
        'signed with another key': sign({ sub, roles }, `${TEST_SECRET}-but-another`),
        'alg none': unsignedToken({ sub, roles }),
        malformed: 'not.a-jwt',
      });
    },
    close: () => Promise.resolve(),
  };
}

export const PROVIDER_ISSUER = 'https://id.example.org/realms/licences';
export const PROVIDER_AUDIENCE = 'licences-api';

/** An ES256 key pair with its public JWK under `kid`. */
export async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(
      Object.fromEntries(
        Object.entries({
          iss: PROVIDER_ISSUER,
          aud: PROVIDER_AUDIENCE,
          iat: nowSeconds(),
          exp: nowSeconds() + HOUR,
          ...claims,
        }).filter(([, value]) => value !== undefined),
      ),
    )
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(privateKey);
  return { kid, jwk, sign };
}

export type SigningKey = Awaited<ReturnType<typeof signingKey>>;

/** The defects of an identity provider's tokens, all signed with `key` but the wrong-key one. */
async function providerDefects(
  key: SigningKey,
  claims: Record<string, unknown>,
): Promise<Record<string, string>> {
  const stranger = await signingKey(key.kid);
  return {
    expired: await key.sign({ ...claims, iat: nowSeconds() - 2 * HOUR, exp: nowSeconds() - HOUR }),
    'without exp': await key.sign({ ...claims, exp: undefined }),
    'valid for 100 years': await key.sign({ ...claims, exp: nowSeconds() + CENTURY }),
    'signed with another key': await stranger.sign(claims),
    'alg none': unsignedToken({ ...claims, iss: PROVIDER_ISSUER, aud: PROVIDER_AUDIENCE }),
    'wrong issuer': await key.sign({ ...claims, iss: 'https://id.example.org/realms/other' }),
    'wrong audience': await key.sign({ ...claims, aud: 'another-api' }),
    'HS256 while no secret is configured': signHs256(claims, TEST_SECRET),
    malformed: 'not.a-jwt',
  };
}

/** Serves `{ keys }` at /certs on 127.0.0.1 (on `port`, or any free one), as an identity provider would. */
export async function serveKeySet(
  keys: () => readonly JWK[],
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: keys() }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${listening}/certs`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A key set served over http on loopback, roles in Keycloak's `realm_access.roles`. */
export async function keySetUrlIssuer(): Promise<TokenIssuer> {
  const key = await signingKey('url-key-1');
  const served = await serveKeySet(() => [key.jwk]);
  const claimsOf = (sub: string, roles: readonly string[]) => ({ sub, realm_access: { roles: [...roles] } });
  return {
    name: 'a key set URL (roles in realm_access.roles)',
    env: {
      LICENCES_JWKS_URL: served.url,
      LICENCES_JWT_ISSUER: PROVIDER_ISSUER,
      LICENCES_JWT_AUDIENCE: PROVIDER_AUDIENCE,
      LICENCES_JWT_ROLES_CLAIM: 'realm_access.roles',
    },
    token: (sub, roles) => key.sign(claimsOf(sub, roles)),
    defects: (roles) => providerDefects(key, claimsOf('defective', roles)),
    close: () => served.close(),
  };
}

/** A key set in a file, roles in `roles`. */
export async function keySetFileIssuer(): Promise<TokenIssuer> {
  const key = await signingKey('file-key-1');
  const dir = mkdtempSync(join(tmpdir(), 'licences-jwks-'));
  const file = join(dir, 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [key.jwk] }));
  const claimsOf = (sub: string, roles: readonly string[]) => ({ sub, roles: [...roles] });
  return {
    name: 'a key set file',
    env: {
      LICENCES_JWKS_FILE: file,
      LICENCES_JWT_ISSUER: PROVIDER_ISSUER,
      LICENCES_JWT_AUDIENCE: PROVIDER_AUDIENCE,
    },
    token: (sub, roles) => key.sign(claimsOf(sub, roles)),
    defects: (roles) => providerDefects(key, claimsOf('defective', roles)),
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}
