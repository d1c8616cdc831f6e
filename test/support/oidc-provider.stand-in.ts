import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';

/**
 * A small OpenID Connect provider on loopback for the console's sign-in test: discovery, an
 * authorization endpoint that signs the configured official in at once (no login form), a token
 * endpoint that insists on PKCE (S256) and single-use codes, and the key set the API trusts. It
 * follows the protocol where the console depends on it and records what it was asked, so that a
 * test can see the code verifier and the challenge match.
 */
export interface OidcStandIn {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  readonly clientId: string;
  /** Every authorization request (its query) and token request (its form), in order. */
  readonly authorizations: URLSearchParams[];
  readonly tokenRequests: URLSearchParams[];
  /** Access tokens handed out, to look for in the browser's storage. */
  readonly issuedTokens: string[];
  close(): Promise<void>;
}

interface PendingCode {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly nonce: string | undefined;
}

const LIFETIME_SECONDS = 3600;

function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return new URLSearchParams(body);
}

export async function startOidcStandIn(options: {
  readonly clientId: string;
  readonly audience: string;
  /** Who the provider signs in, and the roles in their access token (`realm_access.roles`). */
  readonly user: { readonly sub: string; readonly roles: readonly string[] };
  /** The console's origin, the only one allowed to call the token endpoint from a page. */
  readonly allowedOrigin: () => string;
}): Promise<OidcStandIn> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'stand-in-1', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const authorizations: URLSearchParams[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const issuedTokens: string[] = [];
  let issuer = '';

  const sign = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims, iss: issuer, iat: now, exp: now + LIFETIME_SECONDS })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .sign(privateKey);
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', issuer);
    // The page fetches discovery and the token endpoint across origins.
    response.setHeader('access-control-allow-origin', options.allowedOrigin());
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-headers': 'content-type',
        'access-control-allow-methods': 'GET, POST',
      });
      return void response.end();
    }
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(response, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          grant_types_supported: ['authorization_code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
      case '/jwks':
        return json(response, 200, { keys: [jwk] });
      case '/authorize': {
        const query = url.searchParams;
        authorizations.push(query);
        const redirectUri = query.get('redirect_uri') ?? '';
        const challenge = query.get('code_challenge');
        if (
          query.get('client_id') !== options.clientId ||
          query.get('response_type') !== 'code' ||
          query.get('code_challenge_method') !== 'S256' ||
          !challenge ||
          !redirectUri.startsWith(options.allowedOrigin())
        ) {
          return json(response, 400, { error: 'invalid_request' });
        }
        const code = randomBytes(24).toString('base64url');
        codes.set(code, { challenge, redirectUri, nonce: query.get('nonce') ?? undefined });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        const state = query.get('state');
        if (state) back.searchParams.set('state', state);
        response.writeHead(302, { location: back.toString() });
        return void response.end();
      }
      case '/token': {
        if (request.method !== 'POST') return json(response, 405, { error: 'invalid_request' });
        const form = await formOf(request);
        tokenRequests.push(form);
        const code = form.get('code') ?? '';
        const pending = codes.get(code);
        codes.delete(code); // single use, whatever happens next
        const verifier = form.get('code_verifier') ?? '';
        if (
          !pending ||
          form.get('grant_type') !== 'authorization_code' ||
          form.get('client_id') !== options.clientId ||
          form.get('redirect_uri') !== pending.redirectUri ||
          sha256Base64Url(verifier) !== pending.challenge
        ) {
          return json(response, 400, { error: 'invalid_grant' });
        }
        const accessToken = await sign({
          sub: options.user.sub,
          aud: options.audience,
          azp: options.clientId,
          realm_access: { roles: [...options.user.roles] },
        });
        const idToken = await sign({
          sub: options.user.sub,
          aud: options.clientId,
          ...(pending.nonce && { nonce: pending.nonce }),
        });
        issuedTokens.push(accessToken);
        return json(response, 200, {
          access_token: accessToken,
          id_token: idToken,
          token_type: 'Bearer',
          expires_in: LIFETIME_SECONDS,
          scope: 'openid',
        });
      }
      default:
        return json(response, 404, { error: 'not_found' });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    audience: options.audience,
    clientId: options.clientId,
    authorizations,
    tokenRequests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
