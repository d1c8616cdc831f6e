/*
 * Test support (not exported from the library): looks at a read-model file through its own
 * better-sqlite3 connection, as another process would, bypassing the store under test.
 */
import Database from 'better-sqlite3';
import { TABLE_ORDER } from '@licences/licensing-kysely/testing';

function withConnection<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Every row of every projected table (checkpoints aside: their updated_at is wall-clock time). */
export function dumpTables(file: string): Record<string, unknown[]> {
  return withConnection(file, (db) =>
    Object.fromEntries(
      Object.entries(TABLE_ORDER).map(([table, order]) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
      ]),
    ),
  );
}

/** Tables and indexes by name (SQLite's own automatic indexes aside). */
export function schemaObjects(file: string): { type: string; name: string; tbl_name: string }[] {
  return withConnection(file, (db) =>
    db
      .prepare<[], { type: string; name: string; tbl_name: string }>(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all(),
  );
}

/** Writes behind the store's back, e.g. to damage the live tables before a rebuild. */
export function execute(file: string, sql: string): void {
  withConnection(file, (db) => db.exec(sql));
}
