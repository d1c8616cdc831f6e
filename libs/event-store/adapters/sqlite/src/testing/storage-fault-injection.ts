import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Statements that change a database; reads, BEGIN and ROLLBACK must keep working. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * A test seam for machines that cannot make a small file system (not root, no mount): while the
 * file `trigger` exists, every statement that changes any SQLite database of this process fails
 * as SQLite fails on a full or read-only disk, with the code written in the file (SQLITE_FULL,
 * SQLITE_READONLY...). Everything above the driver (transactions, adapters, the API) runs for real.
 * Installed by the preload script beside it, or by a spec (which calls the returned function to
 * take it out again); never in production code.
 */
export function failWritesWhile(trigger: string): () => void {
  return failStatementsWith((statement) =>
    WRITE.test(statement.source) && existsSync(trigger)
      ? readFileSync(trigger, 'utf8').trim() || 'SQLITE_FULL'
      : undefined,
  );
}

/**
 * Makes every statement run (`run`) by any SQLite database of this process fail with the SQLite
 * error code `faultOf` returns for it, until the returned function is called; `undefined` lets it
 * run. better-sqlite3 also runs BEGIN, COMMIT and savepoints through `run`, so they can fail too.
 */
export function failStatementsWith(
  faultOf: (statement: Database.Statement) => string | undefined,
): () => void {
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as {
    run: (this: Database.Statement, ...params: unknown[]) => Database.RunResult;
  };
  probe.close();
  const run = statementProto.run;
  statementProto.run = function guardedRun(this: Database.Statement, ...params: unknown[]) {
    const code = faultOf(this);
    if (code !== undefined) throw new Database.SqliteError(`injected storage fault: ${code}`, code);
    return run.apply(this, params);
  };
  return () => {
    statementProto.run = run;
  };
}
