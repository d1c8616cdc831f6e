export * from './event-store.port';
export * from './event-store.errors';
export * from './event-seal';
export * from './event-identity';
export * from './storage-fault';
export * from './private-files';
