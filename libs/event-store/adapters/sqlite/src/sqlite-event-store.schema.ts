import type { Database } from 'better-sqlite3';
import { EventSealer } from './sqlite-event-store.seal';

interface Migration {
  readonly version: number;
  readonly description: string;
  /** Plain SQL kept close to the standard, so that a PostgreSQL adapter can follow the same history. */
  readonly statements: readonly string[];
  /** Data work that SQL alone cannot do, run after the statements in the same transaction. */
  readonly then?: (db: Database) => void;
}

/** Append only: a released migration is never edited, a schema change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events table',
    statements: [
      // AUTOINCREMENT (PostgreSQL: GENERATED ALWAYS AS IDENTITY) guarantees a position is never
      // handed out twice, even if the newest rows were ever removed; subscribers rely on that.
      `CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
      )`,
    ],
  },
  {
    version: 2,
    description: 'hash chain seals',
    // Nullable: a row written without a seal stays visible as such to the verifier.
    statements: [
      'ALTER TABLE events ADD COLUMN stream_hash TEXT',
      'ALTER TABLE events ADD COLUMN chain_hash TEXT',
    ],
    // The events of an older file are sealed in position order, as if they had been appended now.
    then: (db) => void new EventSealer(db).sealPending(),
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((latest, { version }) => Math.max(latest, version), 0);

/**
 * Brings the schema up to date. Runs under the write lock, so several processes opening
 * the same file at once apply each migration exactly once.
 */
export function migrate(db: Database, now: () => Date = () => new Date()): void {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER NOT NULL PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const current =
      db
        .prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
        .get()?.version ?? 0;
    if (current > LATEST_SCHEMA_VERSION) {
      throw new Error(
        `Event store schema version ${current} is newer than this code knows (${LATEST_SCHEMA_VERSION}); refusing to open it`,
      );
    }
    const record = db.prepare<[number, string, string]>(
      'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) db.exec(statement);
      migration.then?.(db);
      record.run(migration.version, migration.description, now().toISOString());
    }
  });
  apply.immediate();
}
