import type { EventStoreConfig, ReadStoreConfig } from '../config/app-config';
import type { AccessLogBackend } from './access-log-backend';
import { accessLogLocation } from './access-log-files';
import { PostgresAccessLogBackend } from './postgres-access-log.backend';
import { SqliteAccessLogBackend } from './sqlite-access-log.backend';

/** The access log goes where the read store is: every replica shares it on PostgreSQL. */
export function accessLogBackend(
  dataDir: string,
  eventStore: EventStoreConfig | undefined,
  readStore: ReadStoreConfig | undefined,
): AccessLogBackend {
  const config = readStore ?? { kind: 'sqlite' };
  switch (config.kind) {
    case 'sqlite':
      return new SqliteAccessLogBackend(accessLogLocation(dataDir, eventStore));
    case 'postgres':
      return new PostgresAccessLogBackend(config.connectionString);
    default: {
      const unexpected: never = config;
      throw new Error(`Unknown read store ${JSON.stringify(unexpected)}`);
    }
  }
}
