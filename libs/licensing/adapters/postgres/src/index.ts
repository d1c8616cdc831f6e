export { PostgresAccessLog } from './access-log/postgres-access-log.adapter';
export type { PostgresAccessLogOptions } from './access-log/postgres-access-log.adapter';
export { PostgresAccessLogAnchor } from './access-log/postgres-access-log-anchor.adapter';
export { ACCESS_LOG_WRITE_BUDGET_MS, withAuditStartUpLock } from './access-log/postgres-audit-pool';
export { PostgresIdempotencyStore } from './idempotency/postgres-idempotency-store.adapter';
export * from './read-models/postgres-read-model.store';
export type { PostgresReadModelStoreOptions } from './read-models/postgres-read-model.pool';
export {
  migrateReadModels,
  appliedReadModelMigrations,
  READ_MODEL_MIGRATIONS,
  LATEST_READ_MODEL_MIGRATION,
  ReadModelMigrationError,
} from './read-models/read-model.migrations';
export { PostgresProjectionLeases } from './leases/postgres-projection-leases.adapter';
export type { PostgresProjectionLeasesOptions } from './leases/postgres-projection-leases.adapter';
