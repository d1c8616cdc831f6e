import Database from 'better-sqlite3';
import type { AccessLog, AccessLogFilter, AccessRecord } from '@licences/licensing-application';

interface Row {
  at: string;
  sub: string;
  role: string;
  method: string;
  route: string;
  url: string;
  case_id: string | null;
  status: number;
}

/** The access log in its own SQLite file; triggers refuse updates and deletes. */
export class SqliteAccessLog implements AccessLog {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteAccessLog {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS access_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        sub TEXT NOT NULL,
        role TEXT NOT NULL,
        method TEXT NOT NULL,
        route TEXT NOT NULL,
        url TEXT NOT NULL,
        case_id TEXT,
        status INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS access_log_case ON access_log (case_id);
      CREATE INDEX IF NOT EXISTS access_log_sub ON access_log (sub);
      CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
        BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    `);
    return new SqliteAccessLog(db);
  }

  record(entry: AccessRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO access_log (at, sub, role, method, route, url, case_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(entry.at, entry.sub, entry.role, entry.method, entry.route, entry.url, entry.caseId, entry.status);
    return Promise.resolve();
  }

  list(
    filter: AccessLogFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: AccessRecord[]; total: number }> {
    const conditions: [string, string | undefined][] = [
      ['sub = ?', filter.sub],
      ['case_id = ?', filter.caseId],
      ['at >= ?', filter.from],
      ['at <= ?', filter.to],
    ];
    const used = conditions.filter((c): c is [string, string] => c[1] !== undefined);
    const clauses = used.map(([clause]) => clause);
    const params = used.map(([, value]) => value);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM access_log ${where}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM access_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, page.limit, page.offset) as Row[];
    const items = rows.map((r) => ({
      at: r.at,
      sub: r.sub,
      role: r.role,
      method: r.method,
      route: r.route,
      url: r.url,
      caseId: r.case_id,
      status: r.status,
    }));
    return Promise.resolve({ items, total });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
