import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; IN-lists of many lengths and DDL would otherwise grow it forever. */
const DEFAULT_CAPACITY = 500;

/**
 * The better-sqlite3 database as Kysely's SQLite driver sees it, with one change: `prepare(sql)`
 * returns a statement prepared once per SQL text. Kysely prepares every statement again on every
 * call, which took about 13% of a projection catch-up's CPU.
 *
 * A cached statement is shared by every caller of the same SQL, which `all` and `run` allow (each
 * runs to the end and resets it before returning), but an iteration keeps its statement busy until
 * it ends: `iterate` therefore prepares a statement of its own, which nobody else can touch.
 */
export class CachedStatementsDatabase implements SqliteDatabase {
  /** Least recently used first: a Map keeps insertion order, and a hit is moved to the end. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly database: Database.Database,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  prepare(sql: string): SqliteStatement {
    const statement = this.cached(sql);
    const database = this.database;
    return {
      reader: statement.reader,
      all: (parameters) => statement.all(parameters),
      run: (parameters) => statement.run(parameters),
      iterate: (parameters) => database.prepare(sql).iterate(parameters),
    };
  }

  close(): void {
    this.statements.clear();
    this.database.close();
  }

  private cached(sql: string): Database.Statement {
    const hit = this.statements.get(sql);
    if (hit) {
      this.statements.delete(sql);
      this.statements.set(sql, hit);
      return hit;
    }
    const statement = this.database.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    return statement;
  }
}
