export * from './sqlite-idempotency-store.adapter';
