export * from './sqlite-idempotency-store.adapter';
export { SqliteReadModelStore } from './read-models/sqlite-read-model.store';
export * from './sqlite-access-log.adapter';
export * from './sqlite-access-log-anchor.adapter';
export * from './sqlite-write-probe.adapter';
