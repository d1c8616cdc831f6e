import { join } from 'node:path';
import type { AppConfig, EventStoreConfig } from './app-config';
import { DEVELOPMENT_JWT_SECRET } from './app-config';

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

/** The address to type into a browser: a wildcard host is reached through localhost. */
function browsableBase(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** What an operator needs once the API listens, in a few lines: where it is and what it uses. */
export function startUpBanner(config: AppConfig): StartUpBanner {
  const base = browsableBase(config.host, config.port);
  const listening = base.includes('localhost') ? ` (listening on ${config.host}:${config.port})` : '';
  const projections =
    config.projections === 'inline'
      ? 'inline, in this process'
      : 'external: run `npm run projector` beside this API';
  const lines = [
    `Admin API    ${base}/api${listening}`,
    `API docs     ${base}/api/docs`,
    `Event store  ${eventStoreOf(config.eventStore, config.dataDir)}`,
    `Data folder  ${config.dataDir}`,
    `Projections  ${projections}`,
    'Tokens       npm run -s token -- --role <role> --sub <name>',
  ];
  const warnings =
    config.jwtSecret === DEVELOPMENT_JWT_SECRET
      ? [
          'WARNING: tokens are signed with the built-in DEVELOPMENT secret, which anyone can read in ' +
            'the source and use to mint an admin token. Set LICENCES_JWT_SECRET before this API holds ' +
            'real data (NODE_ENV=production refuses to start without it).',
        ]
      : [];
  return { lines, warnings };
}
