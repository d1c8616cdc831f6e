import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { AccessLogAnchor, AccessLogAnchorHead } from '@licences/licensing-application';
import { retryWhileLocked } from './sqlite-lock-retry';

const OPEN_TIMEOUT_MS = 5000;
const LOCK_BUDGET_MS = 2000;

interface AnchorRow {
  origin: string;
  seq: number;
  hash: string;
}

/**
 * The access log's anchor as a one-row table in another SQLite file than the log: by default the
 * event store's own file, which is backed up and kept with the decisions, so that removing the log
 * file alone cannot go unnoticed.
 */
export class SqliteAccessLogAnchor implements AccessLogAnchor {
  private readonly reader: Statement<[], AnchorRow> | undefined;
  private readonly writer:
    | {
        readonly advance: Statement<[number, string, string, string, number]>;
        readonly reset: Statement<[string, number, string, string]>;
      }
    | undefined;

  private constructor(
    private readonly db: Database.Database,
    readonly: boolean,
  ) {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log_anchor'")
      .get();
    // A read-only file that never held an anchor simply has none.
    this.reader = exists
      ? db.prepare('SELECT origin, seq, hash FROM access_log_anchor WHERE id = 1')
      : undefined;
    this.writer = readonly
      ? undefined
      : {
          advance: db.prepare(
            'UPDATE access_log_anchor SET seq = ?, hash = ?, anchored_at = ? WHERE id = 1 AND origin = ? AND seq < ?',
          ),
          reset:
            db.prepare(`INSERT INTO access_log_anchor (id, origin, seq, hash, anchored_at) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, seq = excluded.seq, hash = excluded.hash,
              anchored_at = excluded.anchored_at`),
        };
  }

  /** Opens `file` (which must exist), creating the anchor table unless `readonly`. */
  static open(file: string, options: { readonly?: boolean } = {}): SqliteAccessLogAnchor {
    const readonly = options.readonly ?? false;
    const db = new Database(file, { fileMustExist: true, readonly, timeout: OPEN_TIMEOUT_MS });
    try {
      if (!readonly) {
        db.pragma('synchronous = FULL');
        db.exec(`CREATE TABLE IF NOT EXISTS access_log_anchor (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          origin TEXT NOT NULL,
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL,
          anchored_at TEXT NOT NULL
        )`);
      }
      db.pragma('busy_timeout = 0');
      return new SqliteAccessLogAnchor(db, readonly);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  read(): Promise<AccessLogAnchorHead | null> {
    return retryWhileLocked(() => {
      const row = this.reader?.get();
      return row ? { origin: row.origin, seq: row.seq, hash: row.hash } : null;
    }, LOCK_BUDGET_MS);
  }

  async advance(head: AccessLogAnchorHead): Promise<void> {
    const sql = this.writable();
    await retryWhileLocked(
      () => sql.advance.run(head.seq, head.hash, new Date().toISOString(), head.origin, head.seq),
      LOCK_BUDGET_MS,
    );
  }

  async reset(head: AccessLogAnchorHead): Promise<void> {
    const sql = this.writable();
    await retryWhileLocked(
      () => sql.reset.run(head.origin, head.seq, head.hash, new Date().toISOString()),
      LOCK_BUDGET_MS,
    );
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private writable(): NonNullable<SqliteAccessLogAnchor['writer']> {
    if (!this.writer) throw new Error('The access log anchor was opened read-only');
    return this.writer;
  }
}
