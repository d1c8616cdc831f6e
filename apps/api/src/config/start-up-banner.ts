import { join } from 'node:path';
import type { IdentityConfig } from '../auth/identity-config';
import type { AppConfig, EventStoreConfig, ReadStoreConfig } from './app-config';

export interface StartUpBanner {
  readonly lines: readonly string[];
  /** Said loudly: a setting that is fine for trying the API out and dangerous beyond that. */
  readonly warnings: readonly string[];
}

/** An EventStoreDB connection string without its user and password, which do not belong in logs. */
export function withoutCredentials(connectionString: string): string {
  return connectionString.replace(/^(esdb(?:\+discover)?:\/\/)[^@/]*@/, '$1');
}

function eventStoreOf(store: EventStoreConfig, dataDir: string): string {
  switch (store.kind) {
    case 'sqlite':
      return `sqlite, ${join(dataDir, 'licences.sqlite')}`;
    case 'esdb':
      return `EventStoreDB, ${withoutCredentials(store.connectionString)}`;
    default: {
      const unknown: never = store;
      return unknown;
    }
  }
}

/** A PostgreSQL URL as host, port and database: never its user or password. */
export function postgresLocation(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

function readStoreOf(store: ReadStoreConfig, dataDir: string): string {
  switch (store.kind) {
    case 'sqlite':
      return `sqlite, ${join(dataDir, 'read-models.sqlite')} (access log ${join(dataDir, 'access-log.sqlite')})`;
    case 'postgres':
      return `PostgreSQL, ${postgresLocation(store.connectionString)} (with the access log and idempotency records)`;
    default: {
      const unknown: never = store;
      return unknown;
    }
  }
}

/** The address to type into a browser: a wildcard host is reached through localhost. */
function browsableBase(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Which tokens the API accepts, in one line: no secret, only where its keys come from. */
function identityOf(identity: IdentityConfig): string {
  const sources: string[] = [];
  if (identity.hs256) {
    sources.push(identity.hs256.development ? 'HS256 with the DEVELOPMENT secret' : 'HS256 shared secret');
  }
  if (identity.jwks) {
    const { source, issuer } = identity.jwks;
    sources.push(`issuer ${issuer}, keys from ${source.kind === 'url' ? source.url.href : source.path}`);
  }
  return sources.join('; ');
}

/** What an operator needs once the API listens, in a few lines: where it is and what it uses. */
export function startUpBanner(config: AppConfig, identity: IdentityConfig): StartUpBanner {
  const base = browsableBase(config.host, config.port);
  const listening = base.includes('localhost') ? ` (listening on ${config.host}:${config.port})` : '';
  const projections =
    config.projections === 'inline'
      ? 'inline, in this process'
      : 'external: run `npm run projector` beside this API';
  const lines = [
    `Admin API    ${base}/api${listening}`,
    `API docs     ${base}/api/docs`,
    `Console      ${base}/console/`,
    `Event store  ${eventStoreOf(config.eventStore, config.dataDir)}`,
    `Read models  ${readStoreOf(config.readStore, config.dataDir)}`,
    `Data folder  ${config.dataDir}`,
    `Projections  ${projections}`,
    `Identity     ${identityOf(identity)}`,
    identity.hs256
      ? 'Tokens       npm run -s token -- --role <role> --sub <name>'
      : `Tokens       from the identity provider ${identity.jwks?.issuer ?? ''}`,
  ];
  const warnings =
    config.mode === 'development'
      ? [
          'WARNING: development mode (LICENCES_MODE=development), listening on loopback only' +
            (identity.hs256?.development
              ? ': tokens signed with the DEVELOPMENT secret that stands in the source are accepted, ' +
                'so anyone who reads it can mint an admin token. Never let this API hold real data; ' +
                'without LICENCES_MODE it refuses to start until an identity is configured ' +
                '(LICENCES_JWKS_URL or LICENCES_JWT_SECRET).'
              : '. Production runs without LICENCES_MODE.'),
        ]
      : [];
  return { lines, warnings };
}
