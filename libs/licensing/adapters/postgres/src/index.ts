export {};
export { PostgresAccessLog } from './access-log/postgres-access-log.adapter';
export type { PostgresAccessLogOptions } from './access-log/postgres-access-log.adapter';
export { PostgresAccessLogAnchor } from './access-log/postgres-access-log-anchor.adapter';
export { ACCESS_LOG_WRITE_BUDGET_MS, withAuditStartUpLock } from './access-log/postgres-audit-pool';
export { PostgresIdempotencyStore } from './idempotency/postgres-idempotency-store.adapter';
