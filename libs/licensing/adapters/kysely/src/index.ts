/*
 * The read-model storage code every SQL adapter shares: typed tables, dialect-agnostic Kysely
 * queries for projections, reads, statistics and rebuilds, and the schema builder. Each adapter
 * (SQLite, PostgreSQL) adds only its connection, transactions and dialect-specific statements.
 */
export * from './read-model.records';
export * from './statistics.records';
export * from './read-model.schema';
export * from './read-model.indexes';
export * from './read-model.mapper';
export * from './rebuild-tables.plugin';
export * as projections from './kysely-projection.queries';
export * as reads from './kysely-read-model.queries';
export * as rebuilds from './kysely-rebuild.queries';
export * as statistics from './kysely-statistics.queries';
export * from './store-arguments';
export * from './access-log.rows';
export { KyselyReadModelStore } from './kysely-read-model.store';
