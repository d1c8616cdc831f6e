/*
 * Test support (not exported from the library): looks at a read-model file through its own
 * better-sqlite3 connection, as another process would, bypassing the store under test.
 */
import Database from 'better-sqlite3';

/** Each projected table with an order that makes its dump deterministic. */
const TABLE_ORDER: Readonly<Record<string, string>> = {
  licence_validity: 'case_id',
  licence_validity_goods: 'case_id, control_list_entry',
  licence_validity_destinations: 'case_id, country',
  licence_validity_suspensions: 'case_id, suspended_from',
  licence_validity_holds: 'case_id, measure_id',
  decision_history: 'position',
  revocation_justification: 'case_id',
  revocation_case_state: 'case_id',
  statistics_facts: 'position',
  statistics_case_state: 'case_id',
};

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
