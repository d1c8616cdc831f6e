export * from './sqlite-idempotency-store.adapter';
export { SqliteReadModelStore } from './read-models/sqlite-read-model.store';
