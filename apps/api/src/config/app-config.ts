import { resolve } from 'node:path';

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
}

/** The embedded SQLite store (default), or an EventStoreDB cluster. */
export type EventStoreConfig =
  { readonly kind: 'sqlite' } | { readonly kind: 'esdb'; readonly connectionString: string };

export type ProjectionMode = 'inline' | 'external';

/** Signs development tokens; never accepted when NODE_ENV=production. */
export const DEVELOPMENT_JWT_SECRET = 'licences-development-secret-do-not-use-in-production';

export class ConfigError extends Error {}

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
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT ${env['PORT']} is not a port number`);
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
  };
}
