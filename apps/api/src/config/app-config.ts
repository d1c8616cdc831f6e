import { resolve } from 'node:path';
import type { LogLevel } from '@nestjs/common';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** LICENCES_MODE: `development` only when asked for by name; NODE_ENV never decides it. */
  readonly mode: RunMode;
  readonly rateLimits: RateLimits;
  /**
   * LICENCES_TRUST_PROXY: how many reverse proxies stand in front, whose X-Forwarded-For names
   * the client address that the per-address rate limit counts; 0 (the default) trusts none.
   */
  readonly trustProxyHops: number;
  /** `inline`: the API process runs the projections; `external`: a separate `npm run projector` does. */
  readonly projections: ProjectionMode;
  readonly eventStore: EventStoreConfig;
  /** LICENCES_READ_STORE: where read models, checkpoints, the access log and idempotency records live. */
  readonly readStore: ReadStoreConfig;
  /**
   * LICENCES_READY_MAX_PROJECTION_LAG: how many events a projection may be behind the event store
   * before `/health/ready` answers not ready (default 1000).
   */
  readonly maxProjectionLag: number;
  /**
   * LICENCES_SHUTDOWN_TIMEOUT_MS: on SIGTERM/SIGINT, how long requests in flight get to finish
   * before their connections are closed (default 10000).
   */
  readonly shutdownTimeoutMs: number;
  /** LICENCES_IMPORT_CUTOVER: only history before this instant can be imported; unset, imports are refused. */
  readonly importCutover: Date | undefined;
  /** The least severe level written: `log` by default; `debug` adds Nest's module and route lines. */
  readonly logLevel: LogLevel;
}

/** The embedded SQLite store (default), or an EventStoreDB cluster. */
export type EventStoreConfig =
  { readonly kind: 'sqlite' } | { readonly kind: 'esdb'; readonly connectionString: string };

/**
 * The embedded SQLite files in the data folder (default), or a PostgreSQL database (DATABASE_URL)
 * that every API replica and projector shares: read models, checkpoints, projection leases, the
 * access log with its anchor, and idempotency records (with EventStoreDB events).
 */
export type ReadStoreConfig =
  { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly connectionString: string };

export const DEFAULT_MAX_PROJECTION_LAG = 1000;

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export type ProjectionMode = 'inline' | 'external';

/**
 * `development` accepts tokens signed with DEVELOPMENT_JWT_SECRET when no identity is configured,
 * and listens on loopback only; `production` (the default) needs a configured identity.
 */
export type RunMode = 'production' | 'development';

/** Requests per minute before 429: per authenticated principal, and per address for the rest. */
export interface RateLimits {
  readonly perPrincipal: number;
  readonly perAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perPrincipal: 600, perAddress: 60 };

export { DEVELOPMENT_JWT_SECRET } from '@licences/shared-identity';

export class ConfigError extends Error {}

export const DEFAULT_PORT = 3000;

/** From most to least severe; LOG_LEVEL names the last one written. */
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * PORT, refusing what would make the API listen where nobody expects: an empty or non-numeric
 * value, or 0 (which Node takes as "any free port" and nobody would be told which).
 */
function portOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const fix = `set PORT to a port from 1 to 65535, or unset it for ${DEFAULT_PORT}`;
  if (raw.trim() === '') throw new ConfigError(`PORT is set but empty; ${fix}`);
  if (!/^\d{1,5}$/.test(raw.trim())) throw new ConfigError(`PORT=${raw} is not a port number; ${fix}`);
  const port = Number(raw);
  if (port === 0) {
    throw new ConfigError(`PORT=0 would listen on a random free port that nobody is told; ${fix}`);
  }
  if (port > 65535) throw new ConfigError(`PORT=${raw} is beyond 65535; ${fix}`);
  return port;
}

function logLevelOf(raw: string | undefined): LogLevel {
  const level = raw?.trim() || 'log';
  const known = LOG_LEVELS.find((l) => l === level);
  if (!known) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${raw}`);
  return known;
}

export const PROJECTION_MODE = Symbol.for('licences.ProjectionMode');

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** LICENCES_IMPORT_CUTOVER as an instant; whether it has passed is checked when an import is staged. */
function importCutoverOf(raw: string | undefined): Date | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ConfigError(
      `LICENCES_IMPORT_CUTOVER=${raw} is not an ISO 8601 instant with a zone, e.g. 2025-01-01T00:00:00Z`,
    );
  }
  return new Date(value);
}

/** LICENCES_MODE; NODE_ENV=production beside LICENCES_MODE=development is a contradiction, not a choice. */
function modeOf(env: NodeJS.ProcessEnv): RunMode {
  const raw = env['LICENCES_MODE']?.trim() ?? '';
  if (raw === '' || raw === 'production') return 'production';
  if (raw !== 'development') {
    throw new ConfigError(`LICENCES_MODE must be production (the default) or development, not ${raw}`);
  }
  if (env['NODE_ENV']?.trim().toLowerCase() === 'production') {
    throw new ConfigError('LICENCES_MODE=development contradicts NODE_ENV=production; unset one of them');
  }
  return 'development';
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** Development mode listens on loopback only: its tokens can be minted by anyone who reads the source. */
function hostOf(raw: string | undefined, mode: RunMode): string {
  if (mode === 'production') return raw ?? '0.0.0.0';
  if (raw === undefined || raw.trim() === '') return '127.0.0.1';
  if (!isLoopbackHost(raw)) {
    throw new ConfigError(
      `HOST=${raw} is not a loopback address; development mode (LICENCES_MODE=development) listens on 127.0.0.1 only`,
    );
  }
  return raw.trim();
}

function perMinuteOf(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^[1-9]\d{0,8}$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number of requests per minute from 1, not ${raw}`);
  }
  return Number(raw.trim());
}

function rateLimitsOf(env: NodeJS.ProcessEnv): RateLimits {
  return {
    perPrincipal: perMinuteOf(
      'LICENCES_RATE_LIMIT_PER_PRINCIPAL',
      env['LICENCES_RATE_LIMIT_PER_PRINCIPAL'],
      DEFAULT_RATE_LIMITS.perPrincipal,
    ),
    perAddress: perMinuteOf(
      'LICENCES_RATE_LIMIT_PER_ADDRESS',
      env['LICENCES_RATE_LIMIT_PER_ADDRESS'],
      DEFAULT_RATE_LIMITS.perAddress,
    ),
  };
}

function trustProxyHopsOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  if (!/^\d$/.test(raw.trim())) {
    throw new ConfigError(
      `LICENCES_TRUST_PROXY must be the number of reverse proxies in front of the API, 0 to 9, not ${raw}`,
    );
  }
  return Number(raw.trim());
}

function readStoreOf(env: NodeJS.ProcessEnv): ReadStoreConfig {
  const kind = env['LICENCES_READ_STORE']?.trim() || 'sqlite';
  if (kind === 'sqlite') return { kind };
  if (kind !== 'postgres')
    throw new ConfigError(`LICENCES_READ_STORE must be sqlite or postgres, not ${kind}`);
  const connectionString = env['DATABASE_URL']?.trim() ?? '';
  if (!/^postgres(ql)?:\/\/./.test(connectionString)) {
    throw new ConfigError(
      'LICENCES_READ_STORE=postgres needs DATABASE_URL, e.g. postgres://licences@db.internal:5432/licences',
    );
  }
  return { kind, connectionString };
}

function maxProjectionLagOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_PROJECTION_LAG;
  if (!/^\d{1,9}$/.test(raw.trim())) {
    throw new ConfigError(`LICENCES_READY_MAX_PROJECTION_LAG must be a whole number of events, not ${raw}`);
  }
  return Number(raw.trim());
}

function shutdownTimeoutMsOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw.trim()) > 3_600_000) {
    throw new ConfigError(
      `LICENCES_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 0 to 3600000, not ${raw}`,
    );
  }
  return Number(raw.trim());
}

/**
 * Reads the configuration from the environment and refuses to start on a dangerous one. Identity
 * (who may call the API) is loaded apart, by `loadIdentityConfig`, only where tokens are verified.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = modeOf(env);
  const port = portOf(env['PORT']);
  const projections = env['LICENCES_PROJECTIONS'] ?? 'inline';
  if (projections !== 'inline' && projections !== 'external') {
    throw new ConfigError(`LICENCES_PROJECTIONS must be inline or external, not ${projections}`);
  }
  const kind = env['LICENCES_EVENT_STORE'] ?? 'sqlite';
  let eventStore: EventStoreConfig;
  if (kind === 'sqlite') {
    eventStore = { kind };
  } else if (kind === 'esdb') {
    const connectionString = env['EVENTSTORE_CONNECTION_STRING'];
    if (!connectionString?.startsWith('esdb')) {
      throw new ConfigError(
        'LICENCES_EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://node1:2113?tls=true',
      );
    }
    eventStore = { kind, connectionString };
  } else {
    throw new ConfigError(`LICENCES_EVENT_STORE must be sqlite or esdb, not ${kind}`);
  }
  return {
    eventStore,
    readStore: readStoreOf(env),
    maxProjectionLag: maxProjectionLagOf(env['LICENCES_READY_MAX_PROJECTION_LAG']),
    shutdownTimeoutMs: shutdownTimeoutMsOf(env['LICENCES_SHUTDOWN_TIMEOUT_MS']),
    projections,
    port,
    host: hostOf(env['HOST'], mode),
    dataDir: resolve(env['LICENCES_DATA_DIR'] ?? './data'),
    mode,
    rateLimits: rateLimitsOf(env),
    trustProxyHops: trustProxyHopsOf(env['LICENCES_TRUST_PROXY']),
    importCutover: importCutoverOf(env['LICENCES_IMPORT_CUTOVER']),
    logLevel: logLevelOf(env['LOG_LEVEL']),
  };
}
