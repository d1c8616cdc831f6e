import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateFile, withStorageFaults } from '@licences/event-store';
import type { IdempotencyRecord, IdempotencyScope, IdempotencyStore } from '@licences/licensing-application';

interface Row {
  request_hash: string;
  response: string;
  created_at: string;
}

/**
 * Idempotency records in an SQLite file (by default the event store's own file), keyed by the
 * principal and the key in columns of their own.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly folder: string,
  ) {}

  static open(file: string): SqliteIdempotencyStore {
    ensurePrivateFile(file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (scope, idempotency_key)
    )`);
    return new SqliteIdempotencyStore(db, dirname(file));
  }

  find({ principal, key }: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const row = this.guarded(() =>
      this.db
        .prepare<[string, string], Row>(
          'SELECT request_hash, response, created_at FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?',
        )
        .get(principal, key),
    );
    return Promise.resolve(
      row && {
        requestHash: row.request_hash,
        response: JSON.parse(row.response) as unknown,
        createdAt: row.created_at,
      },
    );
  }

  async saveIfAbsent(scope: IdempotencyScope, record: IdempotencyRecord): Promise<IdempotencyRecord> {
    this.guarded(() =>
      this.db
        .prepare(
          `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, response, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, idempotency_key) DO NOTHING`,
        )
        .run(
          scope.principal,
          scope.key,
          record.requestHash,
          JSON.stringify(record.response),
          record.createdAt,
        ),
    );
    return (await this.find(scope)) as IdempotencyRecord;
  }

  /** A full, read-only or failing disk as a StorageFaultError, never the driver's error. */
  private guarded<T>(work: () => T): T {
    return withStorageFaults('idempotency store', this.folder, work);
  }

  close(): void {
    this.db.close();
  }
}
