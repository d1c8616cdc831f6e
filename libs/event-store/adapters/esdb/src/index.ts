export * from './esdb-event-store.adapter';
export { isTransient } from './esdb-errors';
