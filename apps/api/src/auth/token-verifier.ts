import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { durationText } from './identity-config';
import type { IdentityConfig } from './identity-config';
import { jwksKeyResolver } from './jwks-key-source';
import type { KeyResolver } from './jwks-key-source';
import { isRole } from './roles';
import type { Role } from './roles';
import { VerifiedTokenCache } from './verified-token.cache';

/** Why a token was refused, in general terms: never which key or which expected value. */
export type TokenRefusal =
  | 'TOKEN_MALFORMED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_WITHOUT_EXPIRY'
  | 'TOKEN_LIFETIME_TOO_LONG'
  | 'TOKEN_WITHOUT_SUBJECT'
  | 'TOKEN_WITHOUT_ROLE';

export class TokenRefusedError extends Error {
  constructor(
    readonly code: TokenRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** The identity provider's key set could not be fetched: the token may be fine, so not a 401. */
export class IdentityProviderUnavailableError extends Error {
  readonly code = 'IDENTITY_PROVIDER_UNAVAILABLE';
}

/** A token that passed: who, in which roles (only those this API knows), and from whom. */
export interface VerifiedToken {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** `iss`, when the token names one: subjects are unique per issuer only. */
  readonly issuer: string | undefined;
}

/** The identity provider's algorithms; HS256 is the shared secret's only one. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'] as const;

/** Signature, issuer, audience or algorithm: the caller learns only that it does not fit. */
const INVALID_CODES = new Set([
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWK_INVALID',
]);
const MALFORMED_CODES = new Set(['ERR_JWS_INVALID', 'ERR_JWT_INVALID']);
/** The key set's fetch failed or answered something that is no key set. */
const PROVIDER_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

const refused = (code: TokenRefusal, message: string) => new TokenRefusedError(code, message);

function claimAt(payload: JWTPayload, path: readonly string[]): unknown {
  let value: unknown = payload;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function translate(error: unknown, fromProvider: boolean): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  if (code === 'ERR_JWT_EXPIRED') return refused('TOKEN_EXPIRED', 'The token has expired');
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'nbf') {
    return refused('TOKEN_NOT_YET_VALID', 'The token is not valid yet (nbf)');
  }
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    return refused('TOKEN_INVALID', 'The token was not issued for this API');
  }
  if (typeof code === 'string' && INVALID_CODES.has(code)) {
    return refused('TOKEN_INVALID', 'The token is not signed by a key this API trusts');
  }
  if (typeof code === 'string' && MALFORMED_CODES.has(code)) {
    return refused('TOKEN_MALFORMED', 'The token is not a well-formed signed JWT');
  }
  if (
    fromProvider &&
    // fetch's network failures are TypeErrors (named, not instanceof: tests run in another realm).
    ((typeof code === 'string' && PROVIDER_CODES.has(code)) || (error as Error | null)?.name === 'TypeError')
  ) {
    return new IdentityProviderUnavailableError(
      'The identity provider’s keys could not be fetched; try again shortly',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Verifies bearer tokens: HS256 by the shared secret, the identity provider's algorithms by its
 * key set (with issuer and audience), anything else refused; then `exp` required, the lifetime
 * bounded, `nbf` honoured within the clock skew, and subject and roles read from their claims.
 */
export class TokenVerifier {
  // Built once: the secret's bytes, and the key set's cache, live as long as the verifier.
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: KeyResolver | undefined;
  private readonly verifiedTokens = new VerifiedTokenCache();

  constructor(
    private readonly config: IdentityConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = config.hs256 && new TextEncoder().encode(config.hs256.secret);
    this.jwks = config.jwks && jwksKeyResolver(config.jwks.source);
  }

  /** Throws TokenRefusedError (a 401) or IdentityProviderUnavailableError (a 503). */
  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verifiedTokens.get(token, this.now());
    // The claims are judged again on every use: only the signature's verification is remembered.
    if (known !== undefined) return this.identityOf(known.payload, known.sharedSecret);
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw refused('TOKEN_MALFORMED', 'The token is not a well-formed signed JWT');
    }
    const payload = await this.verified(token, alg);
    const sharedSecret = alg === 'HS256';
    const identity = this.identityOf(payload, sharedSecret);
    this.verifiedTokens.remember(token, { payload, sharedSecret }, this.now(), this.config.clockSkewSeconds);
    return identity;
  }

  private async verified(token: string, alg: unknown): Promise<JWTPayload> {
    const { config } = this;
    const currentDate = new Date(this.now());
    const clockTolerance = config.clockSkewSeconds;
    const asymmetric = (ASYMMETRIC_ALGORITHMS as readonly unknown[]).includes(alg);
    try {
      if (alg === 'HS256' && this.secret) {
        return (await jwtVerify(token, this.secret, { algorithms: ['HS256'], currentDate, clockTolerance }))
          .payload;
      }
      if (asymmetric && this.jwks && config.jwks) {
        const options = {
          algorithms: [...ASYMMETRIC_ALGORITHMS],
          issuer: config.jwks.issuer,
          audience: config.jwks.audience,
          currentDate,
          clockTolerance,
        };
        return (await jwtVerify(token, this.jwks, options)).payload;
      }
    } catch (error) {
      throw translate(error, asymmetric);
    }
    throw refused('TOKEN_INVALID', 'The token is signed with an algorithm this API does not accept');
  }

  private identityOf(payload: JWTPayload, sharedSecret: boolean): VerifiedToken {
    const { maxLifetimeSeconds: max, clockSkewSeconds: skew, subjectClaim, rolesClaim } = this.config;
    const nowSeconds = Math.floor(this.now() / 1000);
    if (payload.exp === undefined)
      throw refused('TOKEN_WITHOUT_EXPIRY', 'The token must carry an expiry (exp)');
    const tooLong = `The token's lifetime is longer than the ${durationText(max)} this API accepts`;
    if (payload.iat !== undefined) {
      if (payload.iat > nowSeconds + skew)
        throw refused('TOKEN_NOT_YET_VALID', 'The token is issued in the future (iat)');
      if (payload.exp - payload.iat > max) throw refused('TOKEN_LIFETIME_TOO_LONG', tooLong);
    }
    if (payload.exp - nowSeconds > max + skew) throw refused('TOKEN_LIFETIME_TOO_LONG', tooLong);
    const sub = claimAt(payload, subjectClaim);
    if (typeof sub !== 'string' || sub.trim() === '') {
      throw refused('TOKEN_WITHOUT_SUBJECT', 'The token must name its subject');
    }
    let raw = asList(claimAt(payload, rolesClaim));
    // Tokens from `npm run token` (and older ones) name one role in `role`.
    if (raw.length === 0 && sharedSecret) raw = [...asList(payload['roles']), ...asList(payload['role'])];
    const roles = [...new Set(raw.filter(isRole))];
    if (roles.length === 0) throw refused('TOKEN_WITHOUT_ROLE', 'The token names no role of this API');
    return { sub, roles, issuer: typeof payload.iss === 'string' ? payload.iss : undefined };
  }
}
