import type { Database } from 'better-sqlite3';
import type { AccessRecord } from '@licences/licensing-application';
import { ACCESS_LOG_COLUMNS, sealAsStored, toAccessLogRow, toAccessRecord } from '@licences/licensing-kysely';
import type { AccessLogRow } from '@licences/licensing-kysely';

/** 1: the unchained table of the first version; 2: every record hash-chained. */
export const ACCESS_LOG_SCHEMA_VERSION = 2;

const CREATE_TABLE = `CREATE TABLE access_log (
  seq INTEGER PRIMARY KEY,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  sub TEXT NOT NULL,
  roles TEXT NOT NULL,
  role TEXT,
  method TEXT,
  route TEXT,
  url TEXT,
  case_id TEXT,
  status INTEGER,
  correlation_id TEXT,
  detail TEXT
)`;

const INDEXES_AND_TRIGGERS = `
  CREATE INDEX access_log_case ON access_log (case_id);
  CREATE INDEX access_log_sub ON access_log (sub);
  CREATE INDEX access_log_hash ON access_log (hash);
  CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
  CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

/**
 * Brings the file to the chained schema, under the write lock so that two processes opening it
 * at once migrate it once. The records of a first-version file are sealed in the order they were
 * written, as if appended now, with their acting role as their only known role.
 */
export function migrateAccessLog(db: Database): void {
  db.transaction(() => {
    if (Number(db.pragma('user_version', { simple: true })) >= ACCESS_LOG_SCHEMA_VERSION) return;
    const unchained = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_log'")
      .get();
    // Renamed first: its indexes keep their names until the table is dropped with them.
    if (unchained) db.exec('ALTER TABLE access_log RENAME TO access_log_unchained');
    db.exec(CREATE_TABLE);
    if (unchained) {
      const insert = db.prepare(`INSERT INTO access_log (${ACCESS_LOG_COLUMNS}) VALUES
        (@seq, @prev_hash, @hash, @kind, @at, @sub, @roles, @role, @method, @route, @url, @case_id, @status, @correlation_id, @detail)`);
      // Read as rows of the new table: an access whose only known role is its acting role.
      const page = db.prepare<[number], AccessLogRow & { id: number }>(
        `SELECT id, 0 AS seq, '' AS prev_hash, '' AS hash, 'access' AS kind, at, sub, json_array(role) AS roles,
          role, method, route, url, case_id, status, NULL AS correlation_id, NULL AS detail
        FROM access_log_unchained WHERE id > ? ORDER BY id LIMIT 1000`,
      );
      let previous: AccessRecord | undefined;
      // In pages: a connection cannot insert while it still iterates a select.
      for (let rows = page.all(0); rows.length > 0; rows = page.all((rows.at(-1) as { id: number }).id)) {
        for (const row of rows) {
          previous = sealAsStored(previous, toAccessRecord(row));
          insert.run(toAccessLogRow(previous));
        }
      }
      db.exec('DROP TABLE access_log_unchained');
    }
    db.exec(INDEXES_AND_TRIGGERS);
    db.pragma(`user_version = ${ACCESS_LOG_SCHEMA_VERSION}`);
  }).immediate();
}
