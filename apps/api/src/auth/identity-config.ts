import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, isLoopbackHost } from '../config/app-config';
import type { RunMode } from '../config/app-config';

/** Where the identity provider's public keys come from. */
export type JwksSource =
  { readonly kind: 'url'; readonly url: URL } | { readonly kind: 'file'; readonly path: string };

/** How tokens are verified: a shared HS256 secret, an identity provider's key set, or both. */
export interface IdentityConfig {
  /** LICENCES_JWT_SECRET, or the development secret (development mode only, `development: true`). */
  readonly hs256?: { readonly secret: string; readonly development: boolean };
  /** With a key set, issuer and audience are always set and checked on its tokens. */
  readonly jwks?: { readonly source: JwksSource; readonly issuer: string; readonly audience: string };
  /** The dotted path to the roles claim, as segments (`realm_access.roles` -> two). */
  readonly rolesClaim: readonly string[];
  readonly subjectClaim: readonly string[];
  readonly maxLifetimeSeconds: number;
  readonly clockSkewSeconds: number;
}

export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** Beyond this a clock is wrong, not skewed. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** A bearer token valid for more than a day is a password that cannot be changed. */
export const LONGEST_MAX_LIFETIME_SECONDS = 24 * 3600;
export const MIN_SECRET_BYTES = 32;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90`, `90s`, `15m`, `12h`, `1d` as seconds; undefined when it is none of these. */
export function durationSeconds(raw: string): number | undefined {
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(raw.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] as number);
}

/** 43200 -> `12h`, 90 -> `90s`: the largest unit that divides it. */
export function durationText(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit] as number;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

function durationOf(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const seconds = durationSeconds(raw);
  if (seconds === undefined) {
    throw new ConfigError(`${name}=${raw} is not a duration; write e.g. 90s, 15m or 12h`);
  }
  if (seconds > max) throw new ConfigError(`${name}=${raw} is longer than the ${durationText(max)} allowed`);
  return seconds;
}

/** The token lifetime limit, which `npm run token` obeys as well. */
export function maxLifetimeOf(env: NodeJS.ProcessEnv): number {
  const seconds = durationOf(
    'LICENCES_JWT_MAX_LIFETIME',
    env['LICENCES_JWT_MAX_LIFETIME'],
    DEFAULT_MAX_LIFETIME_SECONDS,
    LONGEST_MAX_LIFETIME_SECONDS,
  );
  if (seconds === 0) throw new ConfigError('LICENCES_JWT_MAX_LIFETIME must be longer than 0s');
  return seconds;
}

/**
 * LICENCES_JWT_SECRET when set: at least 32 bytes and not the development default (which anyone
 * can read in the source); undefined when unset. The secret itself never appears in a message.
 */
export function sharedSecretOf(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env['LICENCES_JWT_SECRET'];
  if (secret === undefined || secret === '') return undefined;
  if (secret === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError(
      'LICENCES_JWT_SECRET is the development secret that stands in the source; set a secret of your own, e.g. `openssl rand -base64 48`',
    );
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) {
    throw new ConfigError(
      `LICENCES_JWT_SECRET is ${bytes} bytes; it must be at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 48\``,
    );
  }
  return secret;
}

function claimPathOf(name: string, raw: string | undefined, fallback: string): readonly string[] {
  const path = raw === undefined || raw.trim() === '' ? fallback : raw.trim();
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) {
    throw new ConfigError(`${name}=${raw} is not a dotted claim path, e.g. realm_access.roles`);
  }
  return path.split('.');
}

function jwksUrlOf(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`LICENCES_JWKS_URL=${raw} is not a URL`);
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new ConfigError(
      `LICENCES_JWKS_URL must be https (http only on a loopback host), not ${url.protocol}//${url.host}`,
    );
  }
  return url;
}

/** Read once at start so that a missing or broken file is a refusal, not a 401 for everyone. */
function jwksFileOf(raw: string): string {
  const path = resolve(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as { code?: string }).code ?? 'not JSON';
    throw new ConfigError(`LICENCES_JWKS_FILE ${path} cannot be read as a JSON key set (${why})`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k && typeof k === 'object')) {
    throw new ConfigError(`LICENCES_JWKS_FILE ${path} holds no key set: expected { "keys": [ ... ] }`);
  }
  return path;
}

function jwksOf(env: NodeJS.ProcessEnv): IdentityConfig['jwks'] {
  const url = env['LICENCES_JWKS_URL']?.trim() || undefined;
  const file = env['LICENCES_JWKS_FILE']?.trim() || undefined;
  const issuer = env['LICENCES_JWT_ISSUER']?.trim() || undefined;
  const audience = env['LICENCES_JWT_AUDIENCE']?.trim() || undefined;
  if (url && file) throw new ConfigError('Set LICENCES_JWKS_URL or LICENCES_JWKS_FILE, not both');
  if (!url && !file) {
    const stray = issuer ? 'LICENCES_JWT_ISSUER' : audience ? 'LICENCES_JWT_AUDIENCE' : undefined;
    if (stray) {
      throw new ConfigError(
        `${stray} applies to the identity provider's tokens; set LICENCES_JWKS_URL or LICENCES_JWKS_FILE too`,
      );
    }
    return undefined;
  }
  const via = url ? 'LICENCES_JWKS_URL' : 'LICENCES_JWKS_FILE';
  if (!issuer) throw new ConfigError(`${via} needs LICENCES_JWT_ISSUER: the issuer its tokens must name`);
  if (!audience)
    throw new ConfigError(`${via} needs LICENCES_JWT_AUDIENCE: the audience its tokens must name`);
  const source: JwksSource = url
    ? { kind: 'url', url: jwksUrlOf(url) }
    : { kind: 'file', path: jwksFileOf(file as string) };
  return { source, issuer, audience };
}

/**
 * Who may call the API, for the API and the CLIs that verify tokens: refuses, naming the
 * setting, anything that would accept tokens nobody meant to trust. Outside development mode an
 * identity must be configured; in it, the development secret stands in for a missing one.
 */
export function loadIdentityConfig(env: NodeJS.ProcessEnv, mode: RunMode): IdentityConfig {
  const secret = sharedSecretOf(env);
  const jwks = jwksOf(env);
  if (!secret && !jwks && mode !== 'development') {
    throw new ConfigError(
      'no identity is configured: set LICENCES_JWKS_URL (or LICENCES_JWKS_FILE) with LICENCES_JWT_ISSUER and LICENCES_JWT_AUDIENCE, ' +
        'or LICENCES_JWT_SECRET (at least 32 bytes); only LICENCES_MODE=development accepts the development secret',
    );
  }
  const hs256 = secret
    ? { secret, development: false }
    : jwks
      ? undefined
      : { secret: DEVELOPMENT_JWT_SECRET, development: true };
  return {
    ...(hs256 && { hs256 }),
    ...(jwks && { jwks }),
    rolesClaim: claimPathOf('LICENCES_JWT_ROLES_CLAIM', env['LICENCES_JWT_ROLES_CLAIM'], 'roles'),
    subjectClaim: claimPathOf('LICENCES_JWT_SUBJECT_CLAIM', env['LICENCES_JWT_SUBJECT_CLAIM'], 'sub'),
    maxLifetimeSeconds: maxLifetimeOf(env),
    clockSkewSeconds: durationOf(
      'LICENCES_JWT_CLOCK_SKEW',
      env['LICENCES_JWT_CLOCK_SKEW'],
      DEFAULT_CLOCK_SKEW_SECONDS,
      MAX_CLOCK_SKEW_SECONDS,
    ),
  };
}
