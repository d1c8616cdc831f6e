import { resolve } from 'node:path';
import type { LogLevel } from '@nestjs/common';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly jwtSecret: string;
  readonly production: boolean;
  /** `inline`: the API process runs the projections; `external`: a separate `npm run projector` does. */
  readonly projections: ProjectionMode;
  readonly eventStore: EventStoreConfig;
  /** LICENCES_IMPORT_CUTOVER: only history before this instant can be imported; unset, imports are refused. */
  readonly importCutover: Date | undefined;
  /** The least severe level written: `log` by default; `debug` adds Nest's module and route lines. */
  readonly logLevel: LogLevel;
}

/** The embedded SQLite store (default), or an EventStoreDB cluster. */
export type EventStoreConfig =
  { readonly kind: 'sqlite' } | { readonly kind: 'esdb'; readonly connectionString: string };

export type ProjectionMode = 'inline' | 'external';

/** Signs development tokens; never accepted when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = 'licences-development-secret-do-not-use-in-production';

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

/** Reads the configuration from the environment and refuses to start on a dangerous one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env['NODE_ENV'] === 'production';
  const secret = env['LICENCES_JWT_SECRET'];
  if (production && !secret) {
    throw new ConfigError('LICENCES_JWT_SECRET must be set when NODE_ENV=production');
  }
  if (production && secret === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError('LICENCES_JWT_SECRET must not be the development default in production');
  }
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
    projections,
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: resolve(env['LICENCES_DATA_DIR'] ?? './data'),
    jwtSecret: secret ?? DEVELOPMENT_JWT_SECRET,
    production,
    importCutover: importCutoverOf(env['LICENCES_IMPORT_CUTOVER']),
    logLevel: logLevelOf(env['LOG_LEVEL']),
  };
}
