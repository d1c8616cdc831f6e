import type { Provider } from '@nestjs/common';
import { PostgresProjectionLeases } from '@licences/licensing-postgres';
import { PROJECTION_LEASES } from '@licences/licensing-read-models';
import type { ReadStoreConfig } from './app-config';

/**
 * With the read models in PostgreSQL, several projectors (and APIs projecting inline) may share
 * them: leases there decide which process runs each projection. With SQLite there is one writer
 * per data folder, guarded by the inline-projections lease file, and no binding at all.
 */
export function projectionLeaseProviders(readStore: ReadStoreConfig | undefined): Provider[] {
  if (readStore?.kind !== 'postgres') return [];
  return [
    {
      provide: PROJECTION_LEASES,
      // Connects on the first try, so an API that leaves projecting to a projector never opens it.
      useFactory: () => new PostgresProjectionLeases({ connectionString: readStore.connectionString }),
    },
  ];
}

/** The tokens `projectionLeaseProviders` binds, for the module's exports. */
export function projectionLeaseTokens(readStore: ReadStoreConfig | undefined): symbol[] {
  return readStore?.kind === 'postgres' ? [PROJECTION_LEASES] : [];
}
