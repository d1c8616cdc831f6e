export * from './event-store.conformance';
export * from './event-store.fixtures';
